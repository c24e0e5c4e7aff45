using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// Maps an order reference (1 to 2^47 - 1, see <see cref="OrderSlot"/>) to a slot in one preallocated native array.
/// <para>
/// The table is an array of 64-byte buckets, one cache line each, of four slots laid
/// out by field: the four tags (reference, side and locate) in the first 32 bytes,
/// then the four open sizes, then the four prices. A reference lives in its home
/// bucket or, when that is full, in the next bucket with room (linear probing a
/// bucket at a time). One 256-bit compare of the four tags finds the reference or
/// an empty slot, so an operation on an order in its home bucket (nearly all of
/// them) touches one line, the one <see cref="Prefetch"/> fetched, and takes no
/// branch on which slot it is. Deletes move later members of
/// a chain back (Knuth 6.4, Algorithm R, a bucket at a time), so there are no
/// tombstones and chains never rot over a long day; a delete from a bucket that was
/// not full, the usual case, moves nothing.
/// </para>
/// <para>
/// Why buckets? Against a table of single 16-byte slots with linear probing, a
/// lookup is one vector compare instead of a loop, and a delete looks at no
/// neighbouring slot (which sat in the next line for a quarter of the slots):
/// `ttt-bench book`, alternating runs, 0.95 of the time. How full to run it? A
/// sparse table costs memory and a dense one overflows buckets: on the generated
/// 8000-symbol day (285,387 live orders at the peak) a 16 MB table measured 0.97 of
/// the time of a 32 MB one, and an 8 MB one 1.14, in the same process. Size
/// <see cref="BookOptions.MaxOrders"/> at about three times the day's peak.
/// </para>
/// Why direct from the reference (its bits above the lowest two, mod the bucket
/// count) rather than a hash? ITCH references are handed out in increasing order,
/// so consecutive adds fill the same or the next bucket and the line being written
/// is usually cached; a Fibonacci hash, which scatters every add over the whole
/// table, measured 4x slower. The price is that a strided reference pattern would
/// cluster; the table is kept at most 7/8 full and beyond that adds fail (the caller
/// degrades the symbol) instead of probing forever.
/// </summary>
public sealed unsafe class OrderStore : IDisposable
{
    private const int Lanes = 4;
    private const int BucketBytes = 64;
    private const int SharesAt = 32, PricesAt = 48;

    /// <summary>The tag bits that hold the reference (the low 17 hold side and locate).</summary>
    private const ulong ReferenceBits = ~0x1FFFFUL;

    private readonly NativeArena _arena;
    private byte* _buckets;
    private readonly ulong _bucketMask;
    private readonly int _limit;

    public OrderStore(int maxOrders)
    {
        ulong slots = Math.Max(2 * Lanes, BitOperations.RoundUpToPowerOf2((ulong)maxOrders * 8 / 7 + 1));
        _bucketMask = slots / Lanes - 1;
        _limit = (int)Math.Min((ulong)maxOrders, slots * 7 / 8);
        _arena = new NativeArena((long)(slots / Lanes) * BucketBytes, "the order store");
        _buckets = (byte*)_arena.Pointer;
    }

    /// <summary>Live orders.</summary>
    public int Count { get; private set; }

    /// <summary>Most live orders at any one time since the last <see cref="Clear"/>: what to size <see cref="BookOptions.MaxOrders"/> from.</summary>
    public int Peak { get; private set; }

    /// <summary>Most live orders it accepts.</summary>
    public int Capacity => _limit;

    /// <summary>What backs the table.</summary>
    public ArenaPages Pages => _arena.Pages;

    /// <summary>Bytes of native memory the table takes.</summary>
    public long Bytes => (long)(_bucketMask + 1) * BucketBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Home(ulong reference) => (reference >> 2) & _bucketMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Bucket(ulong bucket) => _buckets + bucket * BucketBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong* TagOf(long slot) => (ulong*)Bucket((ulong)slot / Lanes) + (slot & (Lanes - 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint* SharesOf(long slot) => (uint*)(Bucket((ulong)slot / Lanes) + SharesAt) + (slot & (Lanes - 1));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint* PriceOf(long slot) => (uint*)(Bucket((ulong)slot / Lanes) + PricesAt) + (slot & (Lanes - 1));

    /// <summary>
    /// Compares a bucket's four tags at once: bit n of the result is set where slot n
    /// holds <paramref name="reference"/>, and of <paramref name="empty"/> where slot n is empty (tag 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Scan(byte* bucket, ulong reference, out uint empty)
    {
        Vector256<ulong> tags = Vector256.Load((ulong*)bucket);
        empty = Vector256.Equals(tags, Vector256<ulong>.Zero).ExtractMostSignificantBits();
        return Vector256.Equals(tags & Vector256.Create(ReferenceBits), Vector256.Create(reference << 17)).ExtractMostSignificantBits();
    }

    /// <summary>Slot of <paramref name="reference"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Find(ulong reference)
    {
        if (reference - 1 >= OrderSlot.MaxReference)
            return -1; // 0 marks an empty slot, and no larger reference is ever stored
        ulong b = Home(reference);
        while (true)
        {
            uint found = Scan(Bucket(b), reference, out uint empty);
            if (found != 0)
                return (long)(b * Lanes) + BitOperations.TrailingZeroCount(found);
            if (empty != 0)
                return -1; // a bucket with room ends every chain through it
            b = (b + 1) & _bucketMask;
        }
    }

    /// <summary>Hints the CPU to fetch the bucket where <paramref name="reference"/> starts probing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong reference)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(Bucket(Home(reference)));
    }

    /// <summary>The order in <paramref name="slot"/>, as one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal OrderSlot Read(long slot) => new() { Tag = *TagOf(slot), Shares = *SharesOf(slot), Price = *PriceOf(slot) };

    /// <summary>The open size of the order in <paramref name="slot"/>, to change in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref uint Shares(long slot) => ref *SharesOf(slot);

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
        ulong b = Home(reference);
        uint empty;
        while (true)
        {
            if (Scan(Bucket(b), reference, out empty) != 0)
                return -1;
            if (empty != 0)
                break; // the chain ends here, so the reference is nowhere further on
            b = (b + 1) & _bucketMask;
        }
        long slot = (long)(b * Lanes) + BitOperations.TrailingZeroCount(empty);
        *TagOf(slot) = OrderSlot.MakeTag(reference, locate, side);
        *SharesOf(slot) = shares;
        *PriceOf(slot) = price;
        if (++Count > Peak)
            Peak = Count;
        return slot;
    }

    /// <summary>Empties <paramref name="slot"/>; when its bucket was full, later members of the chain may move back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Remove(long slot)
    {
        ulong bucket = (ulong)slot / Lanes;
        Scan(Bucket(bucket), 0, out uint empty);
        *TagOf(slot) = 0;
        Count--;
        if (empty == 0)
            ShiftBack(slot, bucket); // it was full: orders further on may have probed past it
    }

    /// <summary>
    /// Fills the hole at <paramref name="hole"/>, in a bucket that was full, from later
    /// buckets of the chain: an order whose home is not after the hole moves back into
    /// it, and the hole moves on, until a bucket that had room ends the chain (Knuth 6.4,
    /// Algorithm R, a bucket at a time).
    /// </summary>
    private void ShiftBack(long hole, ulong i)
    {
        ulong j = i;
        bool wasFull = true;
        while (wasFull)
        {
            j = (j + 1) & _bucketMask;
            Scan(Bucket(j), 0, out uint empty);
            wasFull = empty == 0;
            for (int lane = 0; lane < Lanes; lane++)
            {
                long from = (long)(j * Lanes) + lane;
                ulong tag = *TagOf(from);
                if (tag == 0)
                    continue;
                ulong k = Home(tag >> 17);
                // This order may move back to bucket i only if its home is not cyclically within (i, j].
                bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
                if (stays)
                    continue;
                *TagOf(hole) = tag;
                *SharesOf(hole) = *SharesOf(from);
                *PriceOf(hole) = *PriceOf(from);
                *TagOf(from) = 0;
                hole = from;
                i = j;
                break;
            }
        }
    }

    /// <summary>Forgets every order.</summary>
    public void Clear()
    {
        NativeMemory.Clear(_buckets, (nuint)Bytes);
        Count = 0;
        Peak = 0;
    }

    public void Dispose()
    {
        _buckets = null;
        _arena.Dispose();
    }
}
