using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TickToTrade.Book;

/// <summary>
/// The levels of one side beyond its best seven: a sorted sequence (worst first, best
/// last, by key) cut into chunks of up to <see cref="ChunkLevels"/> levels, each chunk a
/// block of the shared <see cref="LevelPool"/> laid out by field (so a search reads the
/// 32 prices, two cache lines, with four vector compares), with a directory of the chunks (their
/// pool offsets, level counts and lowest and highest keys, laid out by field) in another
/// pool block. An insert or removal moves at most a chunk's worth of levels and a
/// directory's worth of 4-byte entries, where one sorted array moved up to the whole
/// side (a side ten thousand levels deep moved 80 KB per insert in the middle); a search
/// reads the directory's key array, a few kilobytes even then, and one chunk.
/// <para>
/// The side's state lives in its top block (<see cref="LevelBook"/>), in bytes the top
/// tier leaves spare: the directory's pool offset and order, the chunk count and the
/// level count. A side has no directory until its first deep level; chunks that empty
/// go back to the pool (the last one once the side is down to a few top levels: see
/// <see cref="Release"/>), neighbours that fall below a quarter full merge, and the
/// directory doubles and halves with the chunk count.
/// </para>
/// </summary>
internal sealed unsafe class DeepTier(LevelPool pool)
{
    /// <summary>Levels in a chunk: 32 × 16 bytes, one 512-byte pool block.</summary>
    public const int ChunkLevels = 32;
    private const int ChunkOrder = 5;
    private const int MinDirectoryOrder = LevelPool.MinOrder;

    // The side's state, at these byte offsets of its 128-byte top block (bytes the top tier does not use).
    private const int DirOrderAt = 30, ChunkCountAt = 60, DirBlockAt = 120, CountAt = 124;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte DirOrder(byte* side) => ref side[DirOrderAt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint DirBlock(byte* side) => ref *(uint*)(side + DirBlockAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref uint Chunks(byte* side) => ref *(uint*)(side + ChunkCountAt);

    /// <summary>Deep levels on the side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref uint Count(byte* side) => ref *(uint*)(side + CountAt);

    // The directory block holds four arrays of 2^order uints: chunk offsets, level counts, lowest keys, highest keys.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint* Offsets(byte* side) => (uint*)pool.At(DirBlock(side));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint* Counts(byte* side) => Offsets(side) + (1u << DirOrder(side));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint* Lows(byte* side) => Offsets(side) + (2u << DirOrder(side));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint* Highs(byte* side) => Offsets(side) + (3u << DirOrder(side));

    // A chunk is laid out by field: 32 prices (two cache lines), 32 order counts, 32 share totals.
    private const int ChunkOrdersAt = ChunkLevels * 4, ChunkSharesAt = ChunkLevels * 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Chunk(byte* side, uint c) => (byte*)pool.At(Offsets(side)[c]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint* Prices(byte* chunk) => (uint*)chunk;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint* Orders(byte* chunk) => (uint*)(chunk + ChunkOrdersAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong* Shares(byte* chunk) => (ulong*)(chunk + ChunkSharesAt);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PriceLevel Get(byte* chunk, uint i) => new() { Price = Prices(chunk)[i], Orders = Orders(chunk)[i], Shares = Shares(chunk)[i] };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(byte* chunk, uint i, PriceLevel level)
    {
        Prices(chunk)[i] = level.Price;
        Orders(chunk)[i] = level.Orders;
        Shares(chunk)[i] = level.Shares;
    }

    /// <summary>Moves <paramref name="count"/> levels from index <paramref name="from"/> of one chunk to index <paramref name="to"/> of another (or the same: overlap allowed), field by field.</summary>
    private static void Move(byte* source, uint from, byte* target, uint to, uint count)
    {
        if (count == 0)
            return;
        Buffer.MemoryCopy(Prices(source) + from, Prices(target) + to, count * 4, count * 4);
        Buffer.MemoryCopy(Orders(source) + from, Orders(target) + to, count * 4, count * 4);
        Buffer.MemoryCopy(Shares(source) + from, Shares(target) + to, count * 8, count * 8);
    }

    /// <summary>The price for bids, its complement for asks: "better" is "greater" on both sides.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Key(Side side, uint price) => price ^ (0u - (uint)side);

    /// <summary>The best deep level (the side must have one).</summary>
    public PriceLevel Best(byte* side)
    {
        uint c = Chunks(side) - 1;
        return Get(Chunk(side, c), Counts(side)[c] - 1);
    }

    /// <summary>Copies the deep levels best first into <paramref name="into"/>; returns how many.</summary>
    public int CopyBestFirst(byte* side, Span<PriceLevel> into)
    {
        int n = 0;
        for (long c = (long)Chunks(side) - 1; c >= 0 && n < into.Length; c--)
        {
            byte* chunk = Chunk(side, (uint)c);
            for (long i = (long)Counts(side)[c] - 1; i >= 0 && n < into.Length; i--)
                into[n++] = Get(chunk, (uint)i);
        }
        return n;
    }

    /// <summary>
    /// Where <paramref name="price"/> is, or goes: its chunk and index within it. The best
    /// chunk is tried first (most deep activity is next to the top block), then a binary
    /// search of the highest keys. <paramref name="found"/> when the level exists.
    /// </summary>
    private void Locate(byte* side, Side s, uint price, out uint c, out uint i, out bool found)
    {
        uint n = Chunks(side);
        uint key = Key(s, price);
        uint* lows = Lows(side), highs = Highs(side);
        c = n - 1;
        if (key < lows[c])
        {
            uint lo = 0, hi = n - 1; // the first chunk whose highest key is not below the key
            while (lo < hi)
            {
                uint mid = (lo + hi) >> 1;
                if (highs[mid] < key)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            c = lo;
        }
        uint count = Counts(side)[c];
        byte* chunk = Chunk(side, c);
        i = Rank(chunk, count, price, s);
        found = i < count && Prices(chunk)[i] == price;
    }

    /// <summary>
    /// Index in a chunk (best last) of the first level whose key is not below that of
    /// <paramref name="price"/>: how many of its <paramref name="count"/> levels are worse.
    /// Four 256-bit compares of the 32 prices' keys (signed, after flipping the top bit, as
    /// AVX2 has no unsigned compare) and a popcount: the chunk's two lines of prices, no
    /// branch on them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Rank(byte* chunk, uint count, uint price, Side side)
    {
        uint flip = (0u - (uint)side) ^ 0x8000_0000u;
        Vector256<int> target = Vector256.Create((int)(price ^ flip));
        Vector256<uint> flips = Vector256.Create(flip);
        uint* prices = Prices(chunk);
        ulong worse = 0;
        for (int k = 0; k < ChunkLevels / 8; k++)
        {
            Vector256<int> keys = (Vector256.Load(prices + 8 * k) ^ flips).AsInt32();
            worse |= (ulong)Vector256.LessThan(keys, target).ExtractMostSignificantBits() << (8 * k);
        }
        return (uint)System.Numerics.BitOperations.PopCount(worse & ((1UL << (int)count) - 1));
    }

    /// <summary>Depth from the top of the side of level <paramref name="i"/> of chunk <paramref name="c"/>: the top tier, the better chunks, the better levels of its own.</summary>
    private int Depth(byte* side, uint c, uint i)
    {
        uint* counts = Counts(side);
        uint n = Chunks(side);
        uint better = counts[c] - 1 - i;
        uint j = c + 1;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<uint> sum = Vector256<uint>.Zero;
            for (; j + 8 <= n; j += 8)
                sum += Vector256.Load(counts + j);
            better += Vector256.Sum(sum);
        }
        for (; j < n; j++)
            better += counts[j];
        return LevelBook.TopLevels + (int)better;
    }

    /// <summary>
    /// Adds shares and an order to the level at <paramref name="price"/>, creating it if need be.
    /// Returns its depth from the top, or -1 when a new level is needed and the pool has no room
    /// (the side is then as it was).
    /// </summary>
    public int Add(byte* side, Side s, uint price, uint shares, out bool created)
    {
        created = false;
        if (Chunks(side) == 0)
        {
            if (!Insert(side, 0, 0, new PriceLevel { Price = price, Orders = 1, Shares = shares }, s))
                return -1;
            created = true;
            return LevelBook.TopLevels;
        }
        Locate(side, s, price, out uint c, out uint i, out bool found);
        if (found)
        {
            byte* chunk = Chunk(side, c);
            Shares(chunk)[i] += shares;
            Orders(chunk)[i]++;
            return Depth(side, c, i);
        }
        if (!Insert(side, c, i, new PriceLevel { Price = price, Orders = 1, Shares = shares }, s, out c, out i))
            return -1;
        created = true;
        return Depth(side, c, i);
    }

    /// <summary>Puts a level better than every deep level at the best end (a level pushed out of the top block). False when the pool is full.</summary>
    public bool PushBest(byte* side, PriceLevel level, Side s)
    {
        uint n = Chunks(side);
        return n == 0 ? Insert(side, 0, 0, level, s) : Insert(side, n - 1, Counts(side)[n - 1], level, s, out _, out _);
    }

    /// <summary>Takes the best deep level off the side (to move it up into the top block).</summary>
    public PriceLevel PopBest(byte* side, Side s)
    {
        uint c = Chunks(side) - 1;
        uint i = Counts(side)[c] - 1;
        PriceLevel best = Get(Chunk(side, c), i);
        RemoveAt(side, c, i, s);
        return best;
    }

    /// <summary>
    /// Takes shares (and one order when <paramref name="orderGone"/>) off the level at
    /// <paramref name="price"/>, removing it when no order is left. Returns its depth before
    /// the change, or -1 if there is no such level.
    /// </summary>
    public int Remove(byte* side, Side s, uint price, uint shares, bool orderGone, out bool removed)
    {
        removed = false;
        if (Chunks(side) == 0)
            return -1;
        Locate(side, s, price, out uint c, out uint i, out bool found);
        if (!found)
            return -1;
        int depth = Depth(side, c, i);
        byte* chunk = Chunk(side, c);
        if (LevelBook.Take(ref Shares(chunk)[i], ref Orders(chunk)[i], shares, orderGone))
        {
            removed = true;
            RemoveAt(side, c, i, s);
        }
        return depth;
    }

    /// <summary>
    /// Gives back the empty chunk and the directory a side keeps after its last deep level
    /// went (the level book calls it once the side is down to a few top levels). Keeping them
    /// until then means a side that moves between seven and eight levels, as busy sides do
    /// all day, does not take and return two blocks on every such message.
    /// </summary>
    public void Release(byte* side)
    {
        if (Count(side) != 0 || Chunks(side) == 0)
            return;
        pool.Free(Offsets(side)[0], ChunkOrder);
        RemoveEntry(side, 0);
    }

    private bool Insert(byte* side, uint c, uint i, PriceLevel level, Side s) => Insert(side, c, i, level, s, out _, out _);

    /// <summary>
    /// Inserts <paramref name="level"/> at index <paramref name="i"/> of chunk <paramref name="c"/>
    /// (0..count; with no chunk yet, the first). A full chunk spills into a neighbour with room
    /// when the level goes at its end, else gets a new chunk beside it (split in half when the
    /// level goes in its middle). Every block it needs is taken before anything moves, so a
    /// full pool leaves the side as it was. <paramref name="at"/> and <paramref name="index"/>
    /// tell where the level landed.
    /// </summary>
    private bool Insert(byte* side, uint c, uint i, PriceLevel level, Side s, out uint at, out uint index)
    {
        at = c;
        index = i;
        uint n = Chunks(side);
        if (n == 0)
        {
            if (!ReserveEntry(side))
                return false;
            uint first = pool.Allocate(ChunkOrder);
            if (first == LevelPool.None)
            {
                ReleaseEmptyDirectory(side);
                return false;
            }
            InsertEntry(side, 0, first);
        }
        else if (Counts(side)[c] == ChunkLevels)
        {
            uint* counts = Counts(side);
            if (i == ChunkLevels && c + 1 < n && counts[c + 1] < ChunkLevels)
            {
                c++; // at the best end of a full chunk: the start of the next one is the same place
                i = 0;
            }
            else if (i == 0 && c > 0 && counts[c - 1] < ChunkLevels)
            {
                c--; // at the worst end: the end of the previous one is the same place
                i = counts[c];
            }
            else
            {
                if (!ReserveEntry(side))
                    return false;
                uint fresh = pool.Allocate(ChunkOrder);
                if (fresh == LevelPool.None)
                    return false; // the directory may have grown: harmless, it is only room
                if (i == ChunkLevels)
                {
                    InsertEntry(side, c + 1, fresh); // a new chunk after it, for this level alone
                    c++;
                    i = 0;
                }
                else if (i == 0)
                {
                    InsertEntry(side, c, fresh); // a new chunk before it
                }
                else
                {
                    InsertEntry(side, c + 1, fresh); // split: the better half moves to the new chunk
                    const uint half = ChunkLevels / 2;
                    Move(Chunk(side, c), half, Chunk(side, c + 1), 0, half);
                    Counts(side)[c] = half;
                    Counts(side)[c + 1] = half;
                    Refresh(side, c, s);
                    Refresh(side, c + 1, s);
                    if (i > half)
                    {
                        c++;
                        i -= half;
                    }
                }
            }
        }
        byte* chunk = Chunk(side, c);
        uint count = Counts(side)[c];
        Move(chunk, i, chunk, i + 1, count - i);
        Set(chunk, i, level);
        Counts(side)[c] = count + 1;
        Refresh(side, c, s);
        Count(side)++;
        at = c;
        index = i;
        return true;
    }

    /// <summary>Removes level <paramref name="i"/> of chunk <paramref name="c"/>; an emptied chunk goes back to the pool, a sparse one merges with a neighbour.</summary>
    private void RemoveAt(byte* side, uint c, uint i, Side s)
    {
        byte* chunk = Chunk(side, c);
        uint count = Counts(side)[c] - 1;
        Move(chunk, i + 1, chunk, i, count - i);
        Counts(side)[c] = count;
        Count(side)--;
        if (count == 0)
        {
            if (Chunks(side) == 1)
                return; // the side's last chunk is kept, empty, until the side thins out (Release)
            pool.Free(Offsets(side)[c], ChunkOrder);
            RemoveEntry(side, c);
            return;
        }
        Refresh(side, c, s);
        if (count < ChunkLevels / 4)
        {
            uint n = Chunks(side);
            if (c + 1 < n && count + Counts(side)[c + 1] <= ChunkLevels * 3 / 4)
                Merge(side, c, s);
            else if (c > 0 && count + Counts(side)[c - 1] <= ChunkLevels * 3 / 4)
                Merge(side, c - 1, s);
        }
    }

    /// <summary>Moves chunk <paramref name="c"/> + 1's levels onto the end of chunk <paramref name="c"/> and gives the emptied chunk back.</summary>
    private void Merge(byte* side, uint c, Side s)
    {
        uint* counts = Counts(side);
        uint moved = counts[c + 1];
        Move(Chunk(side, c + 1), 0, Chunk(side, c), counts[c], moved);
        counts[c] += moved;
        pool.Free(Offsets(side)[c + 1], ChunkOrder);
        RemoveEntry(side, c + 1);
        Refresh(side, c, s);
    }

    /// <summary>Brings a chunk's lowest and highest keys up to date.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refresh(byte* side, uint c, Side s)
    {
        uint* prices = Prices(Chunk(side, c));
        Lows(side)[c] = Key(s, prices[0]);
        Highs(side)[c] = Key(s, prices[Counts(side)[c] - 1]);
    }

    /// <summary>Room in the directory for one more chunk: the first directory, or one twice the size.</summary>
    private bool ReserveEntry(byte* side)
    {
        int order = DirOrder(side);
        if (order == 0)
        {
            uint block = pool.Allocate(MinDirectoryOrder);
            if (block == LevelPool.None)
                return false;
            DirBlock(side) = block;
            DirOrder(side) = MinDirectoryOrder;
            return true;
        }
        return Chunks(side) < 1u << order || MoveDirectory(side, order + 1);
    }

    /// <summary>Frees a directory that has no chunk (after a first chunk could not be had).</summary>
    private void ReleaseEmptyDirectory(byte* side)
    {
        if (Chunks(side) != 0 || DirOrder(side) == 0)
            return;
        pool.Free(DirBlock(side), DirOrder(side));
        DirOrder(side) = 0;
    }

    /// <summary>Copies the directory's four arrays into a block of 2^<paramref name="order"/> entries and frees the old one. False when the pool has none.</summary>
    private bool MoveDirectory(byte* side, int order)
    {
        uint block = pool.Allocate(order);
        if (block == LevelPool.None)
            return false;
        uint n = Chunks(side);
        uint* from = Offsets(side);
        uint* to = (uint*)pool.At(block);
        uint oldCapacity = 1u << DirOrder(side), newCapacity = 1u << order;
        for (uint field = 0; field < 4; field++)
            Buffer.MemoryCopy(from + field * oldCapacity, to + field * newCapacity, n * sizeof(uint), n * sizeof(uint));
        pool.Free(DirBlock(side), DirOrder(side));
        DirBlock(side) = block;
        DirOrder(side) = (byte)order;
        return true;
    }

    /// <summary>Opens directory entry <paramref name="c"/> for a new, empty chunk at pool offset <paramref name="offset"/> (room reserved).</summary>
    private void InsertEntry(byte* side, uint c, uint offset)
    {
        uint n = Chunks(side);
        uint capacity = 1u << DirOrder(side);
        uint* offsets = Offsets(side);
        for (uint field = 0; field < 4; field++)
        {
            uint* array = offsets + field * capacity;
            Buffer.MemoryCopy(array + c, array + c + 1, (n - c) * sizeof(uint), (n - c) * sizeof(uint));
        }
        offsets[c] = offset;
        Counts(side)[c] = 0;
        Chunks(side) = n + 1;
    }

    /// <summary>Closes directory entry <paramref name="c"/>; halves the directory when three quarters of it are empty, frees it when it is.</summary>
    private void RemoveEntry(byte* side, uint c)
    {
        uint n = Chunks(side) - 1;
        uint capacity = 1u << DirOrder(side);
        uint* offsets = Offsets(side);
        for (uint field = 0; field < 4; field++)
        {
            uint* array = offsets + field * capacity;
            Buffer.MemoryCopy(array + c + 1, array + c, (n - c) * sizeof(uint), (n - c) * sizeof(uint));
        }
        Chunks(side) = n;
        if (n == 0)
        {
            pool.Free(DirBlock(side), DirOrder(side));
            DirOrder(side) = 0;
        }
        else if (DirOrder(side) > MinDirectoryOrder && n <= capacity / 4)
        {
            MoveDirectory(side, DirOrder(side) - 1); // only to give memory back: kept as it is when the pool has no smaller block
        }
    }
}
