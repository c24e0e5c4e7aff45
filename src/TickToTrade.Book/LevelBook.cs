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
/// The deep tier holds the rest of the side, best LAST, in a block drawn from
/// one <see cref="LevelPool"/> shared by every side: a side has no deep block until
/// it first needs one, doubles it when it fills, halves it when three quarters
/// of it are empty and gives it back when it empties. So one symbol can rest tens
/// of thousands of levels while the others rest a few, and the book runs out of
/// levels only when the whole pool is full. Within its block the deep array
/// floats (it starts at a stored offset), so an insert or removal shifts
/// whichever part of the array is shorter: the levels next to the top block (a
/// level pushed out of the top block, or taken back into it) and the far end of
/// a deep book (orders resting far from the touch) both move nothing.
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

    // The block's fields, by byte offset: uint Prices[7], ushort Top, byte DeepOrder, 1 spare | uint Orders[7], uint DeepCount
    // | ulong Shares[7], uint DeepBlock (pool offset), uint DeepStart (index of the worst deep level within the block).
    private const int TopCountAt = 28, DeepOrderAt = 30, OrdersAt = 32, DeepCountAt = 60, SharesAt = 64, DeepBlockAt = 120, DeepStartAt = 124;

    private readonly NativeArena _topArena;
    private readonly LevelPool _pool;
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
    }

    /// <summary>The deep tiers' shared pool (its use and peak are what to size <see cref="BookOptions.Levels"/> from).</summary>
    public LevelPool Pool => _pool;

    /// <summary>Bytes of native memory the levels take.</summary>
    public long Bytes => _topArena.Bytes + _pool.Bytes;

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
    private static ref uint DeepCount(byte* block) => ref *(uint*)(block + DeepCountAt);

    /// <summary>The order (log2 of its size) of the side's deep block; 0 when it has none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte DeepOrder(byte* block) => ref block[DeepOrderAt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint DeepBlock(byte* block) => ref *(uint*)(block + DeepBlockAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint DeepStart(byte* block) => ref *(uint*)(block + DeepStartAt);

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

    /// <summary>The side's deep levels, worst first (index <c>DeepCount - 1</c> is the best deep level).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PriceLevel* Deep(byte* block) => _pool.At(DeepBlock(block) + DeepStart(block));

    /// <summary>Copies up to <c>into.Length</c> levels of one side, best first; returns how many.</summary>
    public int CopyDepth(ushort locate, Side side, Span<PriceLevel> into)
    {
        byte* block = Block(locate, side);
        int n = Math.Min(TopCount(block), into.Length);
        for (int i = 0; i < n; i++)
            into[i] = TopLevel(block, i);
        if (DeepCount(block) == 0)
            return n;
        PriceLevel* deep = Deep(block);
        for (long i = (long)DeepCount(block) - 1; i >= 0 && n < into.Length; i--)
            into[n++] = deep[i];
        return n;
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
    /// needed and the pool has no room for it; <paramref name="created"/> tells whether the level is new.
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
            return AddDeep(block, side, price, shares, out created);
        if (top == TopLevels)
        {
            // The worst top level moves down: it is better than every deep level, so it goes at the deep array's best end.
            if (!InsertDeep(block, DeepCount(block), TopLevel(block, TopLevels - 1)))
                return -1;
            top--;
        }
        created = true;
        ShiftDown(block, k, top);
        SetTopLevel(block, k, new PriceLevel { Price = price, Orders = 1, Shares = shares });
        TopCount(block) = (ushort)(top + 1);
        return k;
    }

    /// <summary>An add below a full top block, into the deep array (best last).</summary>
    private int AddDeep(byte* block, Side side, uint price, uint shares, out bool created)
    {
        created = false;
        uint count = DeepCount(block);
        if (count > 0)
        {
            PriceLevel* deep = Deep(block);
            uint i = SearchDeep(deep, count, Key(side, price), side);
            if (i < count && deep[i].Price == price)
            {
                deep[i].Shares += shares;
                deep[i].Orders++;
                return TopLevels + (int)(count - 1 - i);
            }
            if (!InsertDeep(block, i, new PriceLevel { Price = price, Orders = 1, Shares = shares }))
                return -1;
            created = true;
            return TopLevels + (int)(count - i); // count has grown by one
        }
        if (!InsertDeep(block, 0, new PriceLevel { Price = price, Orders = 1, Shares = shares }))
            return -1;
        created = true;
        return TopLevels;
    }

    /// <summary>
    /// Puts <paramref name="level"/> at index <paramref name="i"/> of the deep array (0..count),
    /// shifting the shorter part of the array towards its end of the block; makes room
    /// first (a first block, a re-centre, or a block twice the size). False when the pool is full.
    /// </summary>
    private bool InsertDeep(byte* block, uint i, PriceLevel level)
    {
        uint count = DeepCount(block);
        bool lowHalf = i < count - i; // the worse part is shorter: move it down, towards the block's start
        if (!(lowHalf ? DeepStart(block) > 0 : DeepStart(block) + count < DeepSize(block)))
        {
            if (!MakeRoom(block, count + 1))
                return false;
            if (lowHalf && DeepStart(block) == 0)
                lowHalf = false; // a full block re-centred may have its one free place at the top end only
        }
        PriceLevel* deep = Deep(block);
        if (lowHalf)
        {
            Move(deep, deep - 1, i);
            DeepStart(block)--;
            deep--;
        }
        else
        {
            Move(deep + i, deep + i + 1, count - i);
        }
        deep[i] = level;
        DeepCount(block) = count + 1;
        return true;
    }

    /// <summary>Removes index <paramref name="i"/> of the deep array, shifting the shorter part over it; shrinks or frees the block.</summary>
    private void RemoveDeepAt(byte* block, uint i)
    {
        uint count = DeepCount(block);
        PriceLevel* deep = Deep(block);
        if (i < count - 1 - i)
        {
            Move(deep, deep + 1, i);
            DeepStart(block)++;
        }
        else
        {
            Move(deep + i + 1, deep + i, count - 1 - i);
        }
        DeepCount(block) = --count;
        if (count == 0)
        {
            _pool.Free(DeepBlock(block), DeepOrder(block));
            DeepOrder(block) = 0;
            DeepStart(block) = 0;
        }
        else if (DeepOrder(block) > LevelPool.MinOrder && count <= DeepSize(block) / 4)
        {
            Relocate(block, DeepOrder(block) - 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint DeepSize(byte* block) => DeepOrder(block) == 0 ? 0 : 1u << DeepOrder(block);

    /// <summary>
    /// Room for <paramref name="needed"/> levels with a free place at both ends: the first
    /// block, the same block with the levels re-centred when it is at most three quarters
    /// full, else a block twice the size, else (the pool has no block that large) the same
    /// block re-centred while it has any room. False only when none of these is possible.
    /// </summary>
    private bool MakeRoom(byte* block, uint needed)
    {
        uint size = DeepSize(block);
        if (size == 0)
        {
            uint offset = _pool.Allocate(LevelPool.MinOrder);
            if (offset == LevelPool.None)
                return false;
            DeepBlock(block) = offset;
            DeepOrder(block) = LevelPool.MinOrder;
            DeepStart(block) = (1u << LevelPool.MinOrder) / 2;
            return true;
        }
        if ((ulong)needed * 4 <= (ulong)size * 3)
        {
            Recentre(block, size);
            return true;
        }
        if (Extend(block) || Relocate(block, DeepOrder(block) + 1))
            return true;
        if (needed > size)
            return false;
        Recentre(block, size);
        return true;
    }

    /// <summary>Doubles the deep block in place when its buddy is free (so one side can grow to the whole pool), re-centring the levels in it.</summary>
    private bool Extend(byte* block)
    {
        uint offset = _pool.TryExtend(DeepBlock(block), DeepOrder(block));
        if (offset == LevelPool.None)
            return false;
        uint count = DeepCount(block);
        uint size = 2u << DeepOrder(block);
        uint start = (size - count) / 2;
        Move(Deep(block), _pool.At(offset + start), count);
        DeepBlock(block) = offset;
        DeepOrder(block)++;
        DeepStart(block) = start;
        return true;
    }

    private void Recentre(byte* block, uint size)
    {
        uint count = DeepCount(block);
        uint start = (size - count) / 2;
        Move(Deep(block), _pool.At(DeepBlock(block) + start), count);
        DeepStart(block) = start;
    }

    /// <summary>
    /// Moves the deep array into a new block of 2^<paramref name="order"/> levels, centred, and
    /// frees the old one. False when the pool has no such block: a grow then fails, and a
    /// shrink (which is only to give memory back) keeps the block it has.
    /// </summary>
    private bool Relocate(byte* block, int order)
    {
        uint offset = _pool.Allocate(order);
        if (offset == LevelPool.None)
            return false;
        uint count = DeepCount(block);
        uint start = ((1u << order) - count) / 2;
        Move(Deep(block), _pool.At(offset + start), count);
        _pool.Free(DeepBlock(block), DeepOrder(block));
        DeepBlock(block) = offset;
        DeepOrder(block) = (byte)order;
        DeepStart(block) = start;
        return true;
    }

    /// <summary>A memmove of <paramref name="count"/> levels (overlap allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Move(PriceLevel* from, PriceLevel* to, uint count)
    {
        if (count != 0 && from != to)
            Buffer.MemoryCopy(from, to, (long)count * sizeof(PriceLevel), (long)count * sizeof(PriceLevel));
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
            return DeepCount(block) == 0 ? -1 : RemoveDeep(block, side, price, shares, orderGone, out removed);
        if (Prices(block)[k] != price)
            return -1;
        if (Take(ref Shares(block)[k], ref Orders(block)[k], shares, orderGone))
        {
            removed = true;
            ShiftUp(block, k, top);
            uint deep = DeepCount(block);
            if (deep > 0)
            {
                SetTopLevel(block, top - 1, Deep(block)[deep - 1]); // the best deep level moves up
                RemoveDeepAt(block, deep - 1);
            }
            else
            {
                TopCount(block) = (ushort)(top - 1);
            }
        }
        return k;
    }

    /// <summary>A removal below the top block, from the deep array (best last).</summary>
    private int RemoveDeep(byte* block, Side side, uint price, uint shares, bool orderGone, out bool removed)
    {
        removed = false;
        uint count = DeepCount(block);
        PriceLevel* deep = Deep(block);
        uint i = SearchDeep(deep, count, Key(side, price), side);
        if (i >= count || deep[i].Price != price)
            return -1;
        int depth = TopLevels + (int)(count - 1 - i);
        if (Take(ref deep[i].Shares, ref deep[i].Orders, shares, orderGone))
        {
            removed = true;
            RemoveDeepAt(block, i);
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
    private static uint SearchDeep(PriceLevel* levels, uint count, uint key, Side side)
    {
        uint i = count;
        uint stop = count > 8 ? count - 8 : 0;
        while (i > stop && Key(side, levels[i - 1].Price) >= key)
        {
            if (Key(side, levels[i - 1].Price) == key)
                return i - 1;
            i--;
        }
        if (i > stop || i == 0)
            return i;
        uint lo = 0, hi = i; // the answer is in [lo, hi]
        while (lo < hi)
        {
            uint mid = (lo + hi) >> 1;
            if (Key(side, levels[mid].Price) < key)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
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
