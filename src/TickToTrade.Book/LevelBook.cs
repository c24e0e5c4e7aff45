using System.Runtime.CompilerServices;
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
/// the order's slot arrives), the best level shares a line with the counts, and
/// the blocks of all 8000 symbols of a busy day take 2 MB: few enough cache
/// lines and pages to stay cached, where one 4 KB array per side spread the hot
/// lines of 16,000 sides over 16,000 pages.
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
    /// <summary>Levels in a side's top block: a 16-byte header and seven 16-byte levels make two cache lines.</summary>
    public const int TopLevels = 7;

    private const int BlockBytes = 128;

    private readonly NativeArena _topArena;
    private readonly NativeArena? _deepArena;
    private byte* _top;
    private PriceLevel* _deep;
    private readonly int _perSide;
    private readonly int _topCapacity;
    private readonly nint _deepStride;
    private readonly int _symbols;

    /// <summary>The header of a side's top block: how many levels each tier holds.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 16)]
    private struct Counts
    {
        public int Top;
        public int Deep;
    }

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
    /// How many top levels are strictly better than <paramref name="key"/>, which is where
    /// that price is (or goes) in the best-first top block. The block is short and
    /// sorted, so this counts over all of it rather than stopping at the answer: no
    /// branch depends on the prices, and a random price costs no misprediction.
    /// (Counting over all seven slots with a mask, so no branch depends on the count
    /// either, measured 5% slower.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Rank(PriceLevel* top, int count, uint key, Side side)
    {
        int k = 0;
        for (int i = 0; i < count; i++)
            k += Key(side, top[i].Price) > key ? 1 : 0;
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Block(ushort locate, Side side) => _top + ((nint)locate * 2 + (int)side) * BlockBytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Counts CountsOf(byte* block) => ref *(Counts*)block;

    /// <summary>The top tier's levels, best first (right after the 16-byte header).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PriceLevel* TopOf(byte* block) => (PriceLevel*)(block + sizeof(Counts));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PriceLevel* DeepOf(ushort locate, Side side) => _deep + ((nint)locate * 2 + (int)side) * _deepStride;

    /// <summary>Copies up to <c>into.Length</c> levels of one side, best first; returns how many.</summary>
    public int CopyDepth(ushort locate, Side side, Span<PriceLevel> into)
    {
        byte* block = Block(locate, side);
        ref Counts c = ref CountsOf(block);
        int n = Math.Min(c.Top, into.Length);
        new ReadOnlySpan<PriceLevel>(TopOf(block), n).CopyTo(into);
        PriceLevel* deep = DeepOf(locate, side);
        for (int i = c.Deep - 1; i >= 0 && n < into.Length; i--)
            into[n++] = deep[i];
        return n;
    }

    /// <summary>The best level, or a zero level when the side is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PriceLevel Best(ushort locate, Side side)
    {
        byte* block = Block(locate, side);
        return CountsOf(block).Top == 0 ? default : TopOf(block)[0];
    }

    /// <summary>
    /// Starts loading, for both sides, the line with the side's counts and best three
    /// levels (the side of an order event is not known until its slot arrives).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ushort locate)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            byte* bid = Block(locate, Side.Bid);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bid);
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(bid + BlockBytes);
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
        ref Counts c = ref CountsOf(block);
        PriceLevel* top = TopOf(block);
        uint key = Key(side, price);
        int k = Rank(top, c.Top, key, side);
        if (k < c.Top && top[k].Price == price)
        {
            top[k].Shares += shares;
            top[k].Orders++;
            return k;
        }
        if (k == c.Top && c.Top == _topCapacity)
            return AddDeep(locate, side, price, shares, ref c, out created);
        if (c.Top + c.Deep == _perSide)
            return -1;
        created = true;
        if (c.Top == _topCapacity)
        {
            // The worst top level moves down: it is better than every deep level, so it goes at the deep end.
            DeepOf(locate, side)[c.Deep++] = top[_topCapacity - 1];
            c.Top--;
        }
        for (int i = c.Top; i > k; i--) // a few 16-byte moves: cheaper than a call to memmove
            top[i] = top[i - 1];
        top[k] = new PriceLevel { Price = price, Orders = 1, Shares = shares };
        c.Top++;
        return k;
    }

    /// <summary>An add below a full top block, into the deep array (best last).</summary>
    private int AddDeep(ushort locate, Side side, uint price, uint shares, ref Counts c, out bool created)
    {
        created = false;
        PriceLevel* deep = DeepOf(locate, side);
        int i = SearchDeep(deep, c.Deep, Key(side, price), side);
        if (i < c.Deep && deep[i].Price == price)
        {
            deep[i].Shares += shares;
            deep[i].Orders++;
            return _topCapacity + c.Deep - 1 - i;
        }
        if (c.Top + c.Deep == _perSide)
            return -1;
        created = true;
        new Span<PriceLevel>(deep + i, c.Deep - i).CopyTo(new Span<PriceLevel>(deep + i + 1, c.Deep - i));
        deep[i] = new PriceLevel { Price = price, Orders = 1, Shares = shares };
        c.Deep++;
        return _topCapacity + c.Deep - 1 - i;
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
        ref Counts c = ref CountsOf(block);
        PriceLevel* top = TopOf(block);
        uint key = Key(side, price);
        int k = Rank(top, c.Top, key, side);
        if (k == c.Top)
            return c.Deep == 0 ? -1 : RemoveDeep(locate, side, price, shares, orderGone, ref c, out removed);
        if (top[k].Price != price)
            return -1;
        if (Take(ref top[k], shares, orderGone))
        {
            removed = true;
            for (int i = k; i < c.Top - 1; i++)
                top[i] = top[i + 1];
            if (c.Deep > 0)
                top[c.Top - 1] = DeepOf(locate, side)[--c.Deep]; // the best deep level moves up
            else
                c.Top--;
        }
        return k;
    }

    /// <summary>A removal below the top block, from the deep array (best last).</summary>
    private int RemoveDeep(ushort locate, Side side, uint price, uint shares, bool orderGone, ref Counts c, out bool removed)
    {
        removed = false;
        PriceLevel* deep = DeepOf(locate, side);
        int i = SearchDeep(deep, c.Deep, Key(side, price), side);
        if (i >= c.Deep || deep[i].Price != price)
            return -1;
        int depth = _topCapacity + c.Deep - 1 - i;
        if (Take(ref deep[i], shares, orderGone))
        {
            removed = true;
            new Span<PriceLevel>(deep + i + 1, c.Deep - i - 1).CopyTo(new Span<PriceLevel>(deep + i, c.Deep - i - 1));
            c.Deep--;
        }
        return depth;
    }

    /// <summary>
    /// Takes <paramref name="shares"/> (never below zero) and, when <paramref name="orderGone"/>,
    /// one order off a level, in either tier; true when the level has no order left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Take(ref PriceLevel level, uint shares, bool orderGone)
    {
        level.Shares -= Math.Min(level.Shares, shares);
        if (orderGone)
            level.Orders--;
        return level.Orders == 0;
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
