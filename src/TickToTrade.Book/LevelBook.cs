using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// Price levels of every (symbol, side), each a sorted array in one native block
/// with the best level LAST. Why sorted arrays rather than a tick-indexed ladder?
/// Nearly all ITCH activity is within a few levels of the touch, so with the
/// best level at the end an insert or delete there moves a handful of entries,
/// the best level is one load, and walking the top N levels reads consecutive
/// memory. A ladder gives O(1) at any depth but must re-centre when the price
/// wanders and spends memory on empty ticks for every symbol. Levels are kept in
/// order of a key that is the price for bids and its complement for asks, so
/// "better" is "greater" on both sides.
/// </summary>
public sealed unsafe class LevelBook : IDisposable
{
    private readonly NativeArena _arena;
    private PriceLevel* _levels;
    private int* _counts;
    private readonly int _perSide;
    private readonly int _symbols;

    public LevelBook(int symbols, int levelsPerSide)
    {
        _symbols = symbols;
        _perSide = levelsPerSide;
        nuint n = (nuint)(symbols + 1) * 2 * (nuint)levelsPerSide;
        _arena = new NativeArena((long)n * sizeof(PriceLevel), "the price levels");
        _levels = (PriceLevel*)_arena.Pointer;
        _counts = (int*)NativeMemory.AlignedAlloc((nuint)(symbols + 1) * 2 * sizeof(int), 64);
        NativeMemory.Clear(_counts, (nuint)(symbols + 1) * 2 * sizeof(int));
    }

    public int LevelsPerSide => _perSide;

    /// <summary>Bytes of native memory the levels take.</summary>
    public long Bytes => (long)(_symbols + 1) * 2 * _perSide * sizeof(PriceLevel);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Key(Side side, uint price) => side == Side.Bid ? price : ~price;

    /// <summary>Levels on one side, best LAST.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<PriceLevel> Levels(ushort locate, Side side) =>
        new(_levels + ((nint)locate * 2 + (int)side) * _perSide, _counts[locate * 2 + (int)side]);

    /// <summary>The best level, or a zero level when the side is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PriceLevel Best(ushort locate, Side side)
    {
        int n = _counts[locate * 2 + (int)side];
        return n == 0 ? default : _levels[((nint)locate * 2 + (int)side) * _perSide + n - 1];
    }

    /// <summary>Starts loading the cache line of the side's best level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchTop(ushort locate, Side side)
    {
        int n = _counts[locate * 2 + (int)side];
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(_levels + ((nint)locate * 2 + (int)side) * _perSide + Math.Max(n - 1, 0));
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
        PriceLevel* levels = _levels + ((nint)locate * 2 + (int)side) * _perSide;
        ref int count = ref _counts[locate * 2 + (int)side];
        uint key = Key(side, price);
        int i = Search(levels, count, key, side);
        if (i < count && levels[i].Price == price)
        {
            levels[i].Shares += shares;
            levels[i].Orders++;
            return count - 1 - i;
        }
        if (count == _perSide)
            return -1;
        created = true;
        // Open a level at i: move the better levels [i, count) up by one.
        new Span<PriceLevel>(levels + i, count - i).CopyTo(new Span<PriceLevel>(levels + i + 1, count - i));
        levels[i] = new PriceLevel { Price = price, Orders = 1, Shares = shares };
        count++;
        return count - 1 - i;
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
        PriceLevel* levels = _levels + ((nint)locate * 2 + (int)side) * _perSide;
        ref int count = ref _counts[locate * 2 + (int)side];
        int i = Search(levels, count, Key(side, price), side);
        if (i >= count || levels[i].Price != price)
            return -1;
        int depth = count - 1 - i;
        ref PriceLevel level = ref levels[i];
        level.Shares -= Math.Min(level.Shares, shares);
        if (orderGone)
            level.Orders--;
        if (level.Orders == 0)
        {
            removed = true;
            new Span<PriceLevel>(levels + i + 1, count - i - 1).CopyTo(new Span<PriceLevel>(levels + i, count - i - 1));
            count--;
        }
        return depth;
    }

    /// <summary>
    /// Index of the first level whose key is not below <paramref name="key"/> (the
    /// level itself, or where it goes). Looks down from the best level for a few
    /// steps, where nearly every event lands, then binary-searches the rest.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Search(PriceLevel* levels, int count, uint key, Side side)
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

    /// <summary>Empties every side of every symbol.</summary>
    public void Clear() => NativeMemory.Clear(_counts, (nuint)(_symbols + 1) * 2 * sizeof(int));

    public void Dispose()
    {
        if (_levels != null)
        {
            _arena.Dispose();
            NativeMemory.AlignedFree(_counts);
            _levels = null;
            _counts = null;
        }
    }
}
