using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// Maps an order reference (1 to 2^47 - 1, see <see cref="OrderSlot"/>) to a 16-byte slot in one preallocated native array:
/// open addressing with linear probing and backward-shift deletion (no
/// tombstones, so probe chains never rot over a long day).
/// Why not direct indexing (reference &amp; mask, verified)? Real references run
/// into the billions and a long-lived order would collide with every reference
/// that wraps onto it; open addressing keeps every live order whatever its age.
/// Why the identity (reference mod capacity) as the hash? ITCH references are
/// handed out in increasing order and most orders die young, so the live orders
/// sit in a narrow window of recent references: with the identity they land in
/// neighbouring slots, and the hot part of the table stays in cache. Measured
/// with `ttt-bench book` (8000 symbols, 5M messages): a Fibonacci hash, which
/// scatters every add over the whole table, cost 816 ns/message against 202 ns
/// with the identity. The price is that a strided reference pattern would
/// cluster; the table is kept at most 3/4 full and beyond that adds fail (the
/// caller degrades the symbol) instead of probing forever.
/// </summary>
public sealed unsafe class OrderStore : IDisposable
{
    private readonly NativeArena _arena;
    private OrderSlot* _slots;
    private readonly ulong _mask;
    private readonly int _limit;

    public OrderStore(int maxOrders)
    {
        ulong capacity = BitOperations.RoundUpToPowerOf2((ulong)maxOrders * 4 / 3 + 1);
        _mask = capacity - 1;
        _limit = (int)Math.Min((ulong)maxOrders, capacity * 3 / 4);
        _arena = new NativeArena((long)capacity * sizeof(OrderSlot), "the order store");
        _slots = (OrderSlot*)_arena.Pointer;
    }

    /// <summary>Live orders.</summary>
    public int Count { get; private set; }

    /// <summary>Most live orders at any one time since the last <see cref="Clear"/>: what to size <see cref="BookOptions.MaxOrders"/> from.</summary>
    public int Peak { get; private set; }

    /// <summary>Most live orders it accepts.</summary>
    public int Capacity => _limit;

    /// <summary>What backs the table (2 MB pages keep random probes out of TLB misses).</summary>
    public ArenaPages Pages => _arena.Pages;

    /// <summary>Bytes of native memory the table takes.</summary>
    public long Bytes => (long)(_mask + 1) * sizeof(OrderSlot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Home(ulong reference) => reference & _mask;

    /// <summary>Slot of <paramref name="reference"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Find(ulong reference)
    {
        if (reference - 1 >= OrderSlot.MaxReference)
            return -1; // 0 marks an empty slot, and no larger reference is ever stored
        ulong i = Home(reference);
        while (true)
        {
            ulong r = _slots[i].Reference; // 0 only in an empty slot
            if (r == reference)
                return (long)i;
            if (r == 0)
                return -1;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Hints the CPU to fetch the line where <paramref name="reference"/> starts probing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong reference)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(_slots + Home(reference));
    }

    internal ref OrderSlot this[long slot]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // NativeAOT left it a call in every apply
        get => ref _slots[slot];
    }

    /// <summary>
    /// Inserts a new order; -1 when the reference is 0 or already live, -2 when the
    /// store is full, -3 when the reference is beyond <see cref="OrderSlot.MaxReference"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Add(ulong reference, ushort locate, Side side, uint price, uint shares)
    {
        if (reference == 0)
            return -1;
        if (reference > OrderSlot.MaxReference)
            return -3;
        if (Count >= _limit)
            return -2;
        ulong i = Home(reference);
        while (true)
        {
            ulong r = _slots[i].Reference;
            if (r == 0)
                break;
            if (r == reference)
                return -1;
            i = (i + 1) & _mask;
        }
        ref OrderSlot s = ref _slots[i];
        s.Tag = OrderSlot.MakeTag(reference, locate, side);
        s.Shares = shares;
        s.Price = price;
        if (++Count > Peak)
            Peak = Count;
        return (long)i;
    }

    /// <summary>Empties <paramref name="slot"/>, shifting later members of its probe chain back (Knuth 6.4, Algorithm R).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Remove(long slot)
    {
        if (_slots[(slot + 1) & (long)_mask].Tag == 0)
        {
            _slots[slot] = default; // the usual case at a low load: the chain ends here, nothing to shift back
            Count--;
            return;
        }
        RemoveShifting(slot);
    }

    private void RemoveShifting(long slot)
    {
        ulong i = (ulong)slot;
        ulong j = i;
        while (true)
        {
            j = (j + 1) & _mask;
            ulong r = _slots[j].Reference;
            if (r == 0)
                break;
            ulong k = Home(r);
            // The entry at j may move to i only if its home is not cyclically within (i, j].
            bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays)
            {
                _slots[i] = _slots[j];
                i = j;
            }
        }
        _slots[i] = default;
        Count--;
    }

    /// <summary>Forgets every order.</summary>
    public void Clear()
    {
        NativeMemory.Clear(_slots, (nuint)(_mask + 1) * (nuint)sizeof(OrderSlot));
        Count = 0;
        Peak = 0;
    }

    public void Dispose()
    {
        _slots = null;
        _arena.Dispose();
    }
}
