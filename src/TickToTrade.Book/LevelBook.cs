using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// Price levels of every (symbol, side) in two tiers: the best seven in a sorted block of
/// the side's own, the rest in chunks from a shared pool.
/// <para>
/// The top tier holds the best <see cref="TopLevels"/> levels of a side, best
/// FIRST, in one 128-byte block (two cache lines) that also carries the side's
/// counts and where its deep tier lives. Every side's block sits in one compact
/// table indexed by locate, so its address is known from the message alone (the
/// book prefetches it before the order's slot arrives); the blocks of all 65,535
/// locates take 16 MB, of which a day's active symbols touch a few.
/// </para>
/// <para>
/// A block is laid out by field, not by level: the seven prices and the counts
/// fill its first 32 bytes, so one 256-bit compare ranks a price against the
/// whole block (<see cref="Rank"/>) with no loop and no branch on the prices or
/// on how many levels there are; the order counts follow in the same line, and
/// the 64-bit share totals fill the second line.
/// </para>
/// <para>
/// The deep tier holds the rest of the side (<see cref="DeepTier"/>): a sorted sequence cut
/// into chunks of 32 levels with a directory of the chunks, all drawn from one
/// <see cref="LevelPool"/> shared by every side. A side takes no pool memory until it first
/// needs a deep level and gives its chunks back as they empty, so one symbol can rest tens
/// of thousands of levels while the others rest a few, and the book runs out of levels
/// only when the pool has no block of the size a side needs. A level pushed out of the top block goes at the deep
/// tier's best end, and the best deep level comes back up when a top level empties.
/// </para>
/// Why sorted arrays rather than a tick-indexed ladder? Nearly all ITCH activity is
/// within a few levels of the touch, where a sorted array is short to search and
/// cheap to shift; a ladder must re-centre when the price wanders and spends memory
/// on empty ticks for every symbol. Levels are compared by a key that is the price
/// for bids and its complement for asks, so "better" is "greater" on both sides.
/// </summary>
internal sealed unsafe class LevelBook : IDisposable
{
    /// <summary>Levels in a side's top block: seven prices and the counts make one 256-bit vector.</summary>
    public const int TopLevels = 7;

    private const int BlockBytes = 128;

    /// <summary>A side down to this many levels gives back the empty deep blocks it kept (see <see cref="DeepTier.Release"/>).</summary>
    private const int ReleaseBelow = 3;

    // The block's fields, by byte offset: uint Prices[7], ushort Top, 2 bytes of the deep tier's | uint Orders[7], 4 bytes of
    // the deep tier's | ulong Shares[7], 8 bytes of the deep tier's (its directory and counts: see DeepTier).
    private const int TopCountAt = 28, OrdersAt = 32, SharesAt = 64;

    private readonly NativeArena _topArena;
    private readonly LevelPool _pool;
    private readonly DeepTier _deep;
    private byte* _top;
    private readonly int _symbols;

    /// <param name="symbols">Locates 1..<paramref name="symbols"/> have a top block per side.</param>
    /// <param name="deepLevels">Levels in the shared pool behind the top blocks.</param>
    public LevelBook(int symbols, long deepLevels)
    {
        _symbols = symbols;
        long sides = (long)(symbols + 1) * 2;
        _topArena = new NativeArena(sides * BlockBytes, "the top price levels");
        _top = (byte*)_topArena.Pointer;
        _pool = new LevelPool(deepLevels);
        _deep = new DeepTier(_pool);
    }

    /// <summary>The deep tiers' shared pool (its use and peak are what to size <see cref="BookOptions.Levels"/> from).</summary>
    public LevelPool Pool => _pool;

    /// <summary>Bytes of native memory the levels take.</summary>
    public long Bytes => _topArena.Bytes + _pool.Bytes;

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
    private static uint DeepCount(byte* block) => DeepTier.Count(block);

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

    /// <summary>Copies up to <c>into.Length</c> levels of one side, best first; returns how many.</summary>
    public int CopyDepth(ushort locate, Side side, Span<PriceLevel> into)
    {
        byte* block = Block(locate, side);
        int n = Math.Min(TopCount(block), into.Length);
        for (int i = 0; i < n; i++)
            into[i] = TopLevel(block, i);
        if (DeepCount(block) == 0)
            return n;
        return n + _deep.CopyBestFirst(block, into[n..]);
    }

    /// <summary>Levels on one side, both tiers.</summary>
    public long LevelCount(ushort locate, Side side)
    {
        byte* block = Block(locate, side);
        return TopCount(block) + (long)DeepCount(block);
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
    /// needed and the pool has no room for it (the side is then as it was);
    /// <paramref name="created"/> tells whether the level is new.
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
        if (k == TopLevels)
            return _deep.Add(block, side, price, shares, out created);
        if (top == TopLevels)
        {
            // The worst top level moves down: it is better than every deep level, so it goes at the deep tier's best end.
            if (!_deep.PushBest(block, TopLevel(block, TopLevels - 1), side))
                return -1;
            top--;
        }
        created = true;
        ShiftDown(block, k, top);
        SetTopLevel(block, k, new PriceLevel { Price = price, Orders = 1, Shares = shares });
        TopCount(block) = (ushort)(top + 1);
        return k;
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
        if (k == top)
            return DeepCount(block) == 0 ? -1 : _deep.Remove(block, side, price, shares, orderGone, out removed);
        if (Prices(block)[k] != price)
            return -1;
        if (Take(ref Shares(block)[k], ref Orders(block)[k], shares, orderGone))
        {
            removed = true;
            ShiftUp(block, k, top);
            if (DeepCount(block) > 0)
            {
                SetTopLevel(block, top - 1, _deep.PopBest(block, side)); // the best deep level moves up
            }
            else
            {
                TopCount(block) = (ushort)(top - 1);
                if (top - 1 == ReleaseBelow)
                    _deep.Release(block); // thinned out: the deep tier's kept blocks go back to the pool
            }
        }
        return k;
    }

    /// <summary>
    /// Takes <paramref name="shares"/> (never below zero) and, when <paramref name="orderGone"/>,
    /// one order off a level, in either tier; true when the level has no order left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Take(ref ulong levelShares, ref uint levelOrders, uint shares, bool orderGone)
    {
        levelShares -= Math.Min(levelShares, shares);
        if (orderGone)
            levelOrders--;
        return levelOrders == 0;
    }

    /// <summary>Empties every side of every symbol and gives every deep block back.</summary>
    public void Clear()
    {
        NativeMemory.Clear(_top, (nuint)((long)(_symbols + 1) * 2 * BlockBytes));
        _pool.Reset();
    }

    public void Dispose()
    {
        if (_top != null)
        {
            _topArena.Dispose();
            _pool.Dispose();
            _top = null;
        }
    }
}
