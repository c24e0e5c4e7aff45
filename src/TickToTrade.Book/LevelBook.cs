using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// Price levels of every (symbol, side) in two tiers, each a sorted array.
/// <para>
/// The top tier holds the best <see cref="TopLevels"/> levels of a side, best
/// FIRST, in one 128-byte block (two cache lines) that also carries the side's
/// counts. Every side's block sits in one compact table indexed by locate, so
/// its address is known from the message alone (the book prefetches it before
/// the order's slot arrives), and the blocks of all 8000 symbols of a busy day
/// take 2 MB: few enough cache lines and pages to stay cached, where one 4 KB
/// array per side spread the hot lines of 16,000 sides over 16,000 pages.
/// </para>
/// <para>
/// A block is laid out by field, not by level: the seven prices and the counts
/// fill its first 32 bytes, so one 256-bit compare ranks a price against the
/// whole block (<see cref="Rank"/>) with no loop and no branch on the prices or
/// on how many levels there are; the order counts follow in the same line, and
/// the 64-bit share totals fill the second line.
/// </para>
/// <para>
/// The deep tier holds the rest of the side, best LAST, in a cold arena: a level
/// pushed out of the top block is appended at its end, and the best deep level is
/// taken back from its end when a top level empties, so both moves are O(1).
/// </para>
/// Why sorted arrays rather than a tick-indexed ladder? Nearly all ITCH activity is
/// within a few levels of the touch, where a sorted array is short to search and
/// cheap to shift; a ladder must re-centre when the price wanders and spends memory
/// on empty ticks for every symbol. Levels are compared by a key that is the price
/// for bids and its complement for asks, so "better" is "greater" on both sides.
/// </summary>
public sealed unsafe class LevelBook : IDisposable
{
    /// <summary>Levels in a side's top block: seven prices and the counts make one 256-bit vector.</summary>
    public const int TopLevels = 7;

    private const int BlockBytes = 128;

    // The block's fields, by byte offset: uint Prices[7], ushort Top, ushort Deep | uint Orders[7], 4 spare | ulong Shares[7], 8 spare.
    private const int TopCountAt = 28, DeepCountAt = 30, OrdersAt = 32, SharesAt = 64;

    private readonly NativeArena _topArena;
    private readonly NativeArena? _deepArena;
    private byte* _top;
    private PriceLevel* _deep;
    private readonly int _perSide;
    private readonly int _topCapacity;
    private readonly nint _deepStride;
    private readonly int _symbols;

    public LevelBook(int symbols, int levelsPerSide)
    {
        _symbols = symbols;
        _perSide = levelsPerSide;
        _topCapacity = Math.Min(TopLevels, levelsPerSide);
        int deepCapacity = levelsPerSide - _topCapacity;
        long sides = (long)(symbols + 1) * 2;
        _topArena = new NativeArena(sides * BlockBytes, "the top price levels");
        _top = (byte*)_topArena.Pointer;
        if (deepCapacity > 0)
        {
            // Deep arrays start an odd number of cache lines apart, so the ends of
            // different sides do not all fall into the same few cache sets.
            int lines = (deepCapacity * sizeof(PriceLevel) + 63) / 64;
            _deepStride = (lines | 1) * 64 / sizeof(PriceLevel);
            _deepArena = new NativeArena(sides * _deepStride * sizeof(PriceLevel), "the deep price levels");
            _deep = (PriceLevel*)_deepArena.Pointer;
        }
    }

    public int LevelsPerSide => _perSide;

    /// <summary>Bytes of native memory the levels take.</summary>
    public long Bytes => _topArena.Bytes + (_deepArena?.Bytes ?? 0);

    /// <summary>The price for bids, its complement for asks: an XOR with 0 or all ones, so no branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Key(Side side, uint price) => price ^ (0u - (uint)side);

    /// <summary>
    /// How many of the block's <paramref name="count"/> top levels are strictly better than
    /// <paramref name="price"/>, which is where that price is (or goes) in the best-first
    /// block: one 256-bit load of the seven prices (and the counts, masked off), one
    /// compare of their keys, a popcount. No branch depends on the prices or the count.
    /// Keys are compared as signed after flipping the top bit, as AVX2 has no unsigned compare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Rank(byte* block, int count, uint price, Side side)
    {
        uint flip = (0u - (uint)side) ^ 0x8000_0000u;
        Vector256<int> keys = (Vector256.Load((uint*)block) ^ Vector256.Create(flip)).AsInt32();
        uint better = Vector256.GreaterThan(keys, Vector256.Create((int)(price ^ flip))).ExtractMostSignificantBits();
        return BitOperations.PopCount(better & ((1u << count) - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Block(ushort locate, Side side) => _top + ((nint)locate * 2 + (int)side) * BlockBytes;

    /// <summary>How many levels the top tier holds (0..7).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ushort TopCount(byte* block) => ref *(ushort*)(block + TopCountAt);

    /// <summary>How many levels the deep tier holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ushort DeepCount(byte* block) => ref *(ushort*)(block + DeepCountAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint* Prices(byte* block) => (uint*)block;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint* Orders(byte* block) => (uint*)(block + OrdersAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong* Shares(byte* block) => (ulong*)(block + SharesAt);

    /// <summary>Top level <paramref name="i"/> as one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PriceLevel TopLevel(byte* block, int i) =>
        new() { Price = Prices(block)[i], Orders = Orders(block)[i], Shares = Shares(block)[i] };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SetTopLevel(byte* block, int i, PriceLevel level)
    {
        Prices(block)[i] = level.Price;
        Orders(block)[i] = level.Orders;
        Shares(block)[i] = level.Shares;
    }

    /// <summary>Moves top levels [from, to) one place towards the worse end (a few 4- and 8-byte moves: cheaper than memmove calls).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftDown(byte* block, int from, int to)
    {
        uint* prices = Prices(block), orders = Orders(block);
        ulong* shares = Shares(block);
        for (int i = to; i > from; i--)
        {
            prices[i] = prices[i - 1];
            orders[i] = orders[i - 1];
            shares[i] = shares[i - 1];
        }
    }

    /// <summary>Moves top levels (from, to) one place towards the best end, over level <paramref name="from"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftUp(byte* block, int from, int to)
    {
        uint* prices = Prices(block), orders = Orders(block);
        ulong* shares = Shares(block);
        for (int i = from; i < to - 1; i++)
        {
            prices[i] = prices[i + 1];
            orders[i] = orders[i + 1];
            shares[i] = shares[i + 1];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PriceLevel* DeepOf(ushort locate, Side side) => _deep + ((nint)locate * 2 + (int)side) * _deepStride;

    /// <summary>Copies up to <c>into.Length</c> levels of one side, best first; returns how many.</summary>
    public int CopyDepth(ushort locate, Side side, Span<PriceLevel> into)
    {
        byte* block = Block(locate, side);
        int n = Math.Min(TopCount(block), into.Length);
        for (int i = 0; i < n; i++)
            into[i] = TopLevel(block, i);
        PriceLevel* deep = DeepOf(locate, side);
        for (int i = DeepCount(block) - 1; i >= 0 && n < into.Length; i--)
            into[n++] = deep[i];
        return n;
    }

    /// <summary>The best level, or a zero level when the side is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PriceLevel Best(ushort locate, Side side)
    {
        byte* block = Block(locate, side);
        return TopCount(block) == 0 ? default : TopLevel(block, 0);
    }

    /// <summary>
    /// Starts loading both sides' top blocks, both lines of each: the prices, counts and
    /// order counts, and the share totals (the side of an order event is not known
    /// until its slot arrives).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ushort locate)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            byte* bid = Block(locate, Side.Bid);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bid);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bid + 64);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bid + BlockBytes);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bid + BlockBytes + 64);
        }
    }

    /// <summary>
    /// Adds <paramref name="shares"/> and one order at <paramref name="price"/>.
    /// Returns the level's depth from the top (0 = best), or -1 when a new level is
    /// needed and the side is full; <paramref name="created"/> tells whether the level is new.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Add(ushort locate, Side side, uint price, uint shares, out bool created)
    {
        created = false;
        byte* block = Block(locate, side);
        int top = TopCount(block);
        int k = Rank(block, top, price, side);
        if (k < top && Prices(block)[k] == price)
        {
            Shares(block)[k] += shares;
            Orders(block)[k]++;
            return k;
        }
        ref ushort deep = ref DeepCount(block);
        if (k == top && top == _topCapacity)
            return AddDeep(locate, side, price, shares, ref deep, out created);
        if (top + deep == _perSide)
            return -1;
        created = true;
        if (top == _topCapacity)
        {
            // The worst top level moves down: it is better than every deep level, so it goes at the deep end.
            DeepOf(locate, side)[deep++] = TopLevel(block, --top);
        }
        ShiftDown(block, k, top);
        SetTopLevel(block, k, new PriceLevel { Price = price, Orders = 1, Shares = shares });
        TopCount(block) = (ushort)(top + 1);
        return k;
    }

    /// <summary>An add below a full top block, into the deep array (best last).</summary>
    private int AddDeep(ushort locate, Side side, uint price, uint shares, ref ushort count, out bool created)
    {
        created = false;
        PriceLevel* deep = DeepOf(locate, side);
        int i = SearchDeep(deep, count, Key(side, price), side);
        if (i < count && deep[i].Price == price)
        {
            deep[i].Shares += shares;
            deep[i].Orders++;
            return _topCapacity + count - 1 - i;
        }
        if (_topCapacity + count == _perSide)
            return -1;
        created = true;
        new Span<PriceLevel>(deep + i, count - i).CopyTo(new Span<PriceLevel>(deep + i + 1, count - i));
        deep[i] = new PriceLevel { Price = price, Orders = 1, Shares = shares };
        count++;
        return _topCapacity + count - 1 - i;
    }

    /// <summary>
    /// Takes <paramref name="shares"/> off the level at <paramref name="price"/>, and one
    /// order when <paramref name="orderGone"/>; an emptied level is removed
    /// (<paramref name="removed"/>). Returns the level's depth from the top before
    /// the change, or -1 if there is no such level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Remove(ushort locate, Side side, uint price, uint shares, bool orderGone, out bool removed)
    {
        removed = false;
        byte* block = Block(locate, side);
        int top = TopCount(block);
        int k = Rank(block, top, price, side);
        ref ushort deep = ref DeepCount(block);
        if (k == top)
            return deep == 0 ? -1 : RemoveDeep(locate, side, price, shares, orderGone, ref deep, out removed);
        if (Prices(block)[k] != price)
            return -1;
        if (Take(ref Shares(block)[k], ref Orders(block)[k], shares, orderGone))
        {
            removed = true;
            ShiftUp(block, k, top);
            if (deep > 0)
                SetTopLevel(block, top - 1, DeepOf(locate, side)[--deep]); // the best deep level moves up
            else
                TopCount(block) = (ushort)(top - 1);
        }
        return k;
    }

    /// <summary>A removal below the top block, from the deep array (best last).</summary>
    private int RemoveDeep(ushort locate, Side side, uint price, uint shares, bool orderGone, ref ushort count, out bool removed)
    {
        removed = false;
        PriceLevel* deep = DeepOf(locate, side);
        int i = SearchDeep(deep, count, Key(side, price), side);
        if (i >= count || deep[i].Price != price)
            return -1;
        int depth = _topCapacity + count - 1 - i;
        if (Take(ref deep[i].Shares, ref deep[i].Orders, shares, orderGone))
        {
            removed = true;
            new Span<PriceLevel>(deep + i + 1, count - i - 1).CopyTo(new Span<PriceLevel>(deep + i, count - i - 1));
            count--;
        }
        return depth;
    }

    /// <summary>
    /// Takes <paramref name="shares"/> (never below zero) and, when <paramref name="orderGone"/>,
    /// one order off a level, in either tier; true when the level has no order left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Take(ref ulong levelShares, ref uint levelOrders, uint shares, bool orderGone)
    {
        levelShares -= Math.Min(levelShares, shares);
        if (orderGone)
            levelOrders--;
        return levelOrders == 0;
    }

    /// <summary>
    /// Index in a deep array (best last) of the first level whose key is not below
    /// <paramref name="key"/>: the level itself, or where it goes. Looks down from the
    /// deep end, next to the top block, for a few steps, then binary-searches the rest.
    /// </summary>
    private static int SearchDeep(PriceLevel* levels, int count, uint key, Side side)
    {
        int i = count;
        int stop = Math.Max(0, count - 8);
        while (i > stop && Key(side, levels[i - 1].Price) >= key)
        {
            if (Key(side, levels[i - 1].Price) == key)
                return i - 1;
            i--;
        }
        if (i > stop || i == 0)
            return i;
        int lo = 0, hi = i; // the answer is in [lo, hi]
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (Key(side, levels[mid].Price) < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>Empties every side of every symbol (the deep arrays are dead once their counts are 0).</summary>
    public void Clear() => NativeMemory.Clear(_top, (nuint)((long)(_symbols + 1) * 2 * BlockBytes));

    public void Dispose()
    {
        if (_top != null)
        {
            _topArena.Dispose();
            _deepArena?.Dispose();
            _top = null;
            _deep = null;
        }
    }
}
