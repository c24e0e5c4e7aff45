using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// Maps an order reference, any 64-bit value (ITCH 5.0 §1.3: an 8-byte Order
/// Reference Number; 0 and 2^64 − 1 included), to a slot in one preallocated native array.
/// <para>
/// The table is an array of 64-byte buckets, one cache line each, of three slots
/// laid out by field: the three 64-bit references in the first 24 bytes, then the
/// three locates, a byte of occupied bits and a byte of side bits (so the first 32
/// bytes are one 256-bit vector), then the three open sizes and the three prices.
/// One 256-bit compare finds the reference among the occupied slots, so an
/// operation on an order in its home bucket (nearly all of them) touches one line,
/// the one <see cref="Prefetch"/> fetched. A reference lives in its home bucket or,
/// when that is full, in the next bucket with room (linear probing a bucket at a
/// time); deletes move later members of a chain back (Knuth 6.4, Algorithm R, a
/// bucket at a time), so there are no tombstones and chains never rot over a long
/// day; a delete from a bucket that was not full, the usual case, moves nothing.
/// </para>
/// <para>
/// Why three slots of 18 bytes and not four of 16? A slot keeps the whole 64-bit
/// reference: the four-slot layout packed the reference, side and locate into one
/// 8-byte tag and so refused references above 2^47 − 1, which are legal input.
/// Emptiness is a bit, not a reserved reference, because reference 0 is legal too.
/// </para>
/// <para>
/// Why a mixing hash? References straight from the feed cluster: strided
/// numbering (multiples of 2^k), or numbering that differs only in its high bits
/// (partition or day bits), lands on a few buckets, and a hostile feed can aim at
/// one. Every run of 4096 references is placed by the murmur3 finaliser over its
/// bits and a per-book seed (<see cref="BookOptions.HashSeed"/>; the engine draws it
/// at start-up, so the layout cannot be predicted), and references within a run
/// sit two to a bucket in order (see <see cref="HomeBucket"/>): on this VM, where
/// a page walk costs most of a random access, keeping NASDAQ's consecutive adds in
/// neighbouring lines measured 0.8 of the time of a fully mixed home on the
/// generated day. Chains step far through the table (see <see cref="Home"/>), so a
/// densely live run does not spill into a long cluster.
/// </para>
/// The table is kept at most 7/8 full; beyond that adds fail (the caller degrades
/// the symbol) instead of probing forever. <see cref="ProbeLengths"/> measures how
/// far the live orders sit from their home buckets.
/// </summary>
public sealed unsafe class OrderStore : IDisposable
{
    private const int Lanes = 3;
    private const int BucketBytes = 64;
    private const int LocatesAt = 24, OccupiedAt = 30, SidesAt = 31, SharesAt = 32, PricesAt = 44;
    private const uint AllLanes = (1u << Lanes) - 1;
    private const int RunBits = 12;
    private const ulong RunLength = 1UL << RunBits;

    private readonly NativeArena _arena;
    private byte* _buckets;
    private readonly ulong _bucketMask;
    private readonly int _limit;
    private readonly ulong _seed;
    /// <summary>Buckets between consecutive probe positions: odd, so every bucket is some position; about 0.618 of the table, so far apart.</summary>
    private readonly ulong _step;
    /// <summary>The step's inverse modulo 2^64 (and so modulo the table size): bucket × it = position.</summary>
    private readonly ulong _stepInverse;

    /// <param name="maxOrders">Live orders it accepts; the table is the next power of two of buckets that keeps them within 7/8 of the slots.</param>
    /// <param name="seed">Mixed into every home bucket (see the class notes).</param>
    public OrderStore(int maxOrders, ulong seed = 0)
    {
        ulong buckets = Math.Max(2, BitOperations.RoundUpToPowerOf2(((ulong)maxOrders * 8 / 7 + Lanes) / Lanes));
        _bucketMask = buckets - 1;
        _limit = (int)Math.Min((ulong)maxOrders, buckets * Lanes * 7 / 8);
        _seed = seed;
        _step = ((ulong)(buckets * 0.6180339887) | 1) & _bucketMask | 1;
        _stepInverse = _step;
        for (int i = 0; i < 6; i++)
            _stepInverse *= 2 - _step * _stepInverse; // Newton's iteration doubles the correct low bits each time
        _arena = new NativeArena((long)buckets * BucketBytes, "the order store");
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

    /// <summary>
    /// The home bucket of <paramref name="reference"/>: its aligned run of <see cref="RunLength"/>
    /// references (the bits above the lowest twelve) through the murmur3 64-bit finaliser with
    /// the seed, which places the run anywhere in the table, plus the reference's place within
    /// its run, halved. So NASDAQ-style numbering (increasing by a few at a time) puts
    /// consecutive adds two to a bucket in neighbouring lines of one page, and every other
    /// pattern lands wherever the run's hash sends it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong HomeBucket(ulong reference)
    {
        ulong h = (reference >> RunBits) ^ _seed;
        h = (h ^ (h >> 33)) * 0xFF51AFD7ED558CCDUL;
        h = (h ^ (h >> 33)) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (h + ((reference & (RunLength - 1)) >> 1)) & _bucketMask;
    }

    /// <summary>
    /// The home of <paramref name="reference"/> as a probe position. Probing is linear over
    /// positions, and position p is bucket p × <see cref="_step"/> (mod the table), so a chain
    /// that overflows its home continues far away instead of in the next bucket: the
    /// neighbouring buckets that a run of references fills densely never merge into one long
    /// chain (linear probing's clustering), while the home itself keeps the run's locality.
    /// Deletes (Algorithm R) work on positions unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Home(ulong reference) => (HomeBucket(reference) * _stepInverse) & _bucketMask;

    /// <summary>The bucket at probe position <paramref name="position"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* Bucket(ulong position) => _buckets + ((position * _step) & _bucketMask) * BucketBytes;

    // A slot is its bucket times four plus its lane (0..2): a shift, not a division by three.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte* BucketOf(long slot) => Bucket((ulong)slot >> 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LaneOf(long slot) => (int)(slot & 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long SlotOf(ulong bucket, int lane) => (long)(bucket << 2) | (uint)lane;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte Occupied(byte* bucket) => ref bucket[OccupiedAt];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte Sides(byte* bucket) => ref bucket[SidesAt];

    /// <summary>
    /// Compares a bucket's three references at once: bit n of the result is set where
    /// slot n is occupied and holds <paramref name="reference"/>; bit n of
    /// <paramref name="free"/> where slot n is empty. (The fourth lane of the load is the
    /// locates and flag bytes; the occupied mask drops it.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Scan(byte* bucket, ulong reference, out uint free)
    {
        uint occupied = Occupied(bucket);
        free = ~occupied & AllLanes;
        Vector256<ulong> refs = Vector256.Load((ulong*)bucket);
        return Vector256.Equals(refs, Vector256.Create(reference)).ExtractMostSignificantBits() & occupied;
    }

    /// <summary>Slot of <paramref name="reference"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Find(ulong reference)
    {
        ulong b = Home(reference);
        while (true)
        {
            uint found = Scan(Bucket(b), reference, out uint free);
            if (found != 0)
                return SlotOf(b, BitOperations.TrailingZeroCount(found));
            if (free != 0)
                return -1; // a bucket with room ends every chain through it
            b = (b + 1) & _bucketMask;
        }
    }

    /// <summary>Hints the CPU to fetch the bucket where <paramref name="reference"/> starts probing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ulong reference)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(_buckets + HomeBucket(reference) * BucketBytes);
    }

    /// <summary>The order in <paramref name="slot"/>, as one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal OrderSlot Read(long slot)
    {
        byte* b = BucketOf(slot);
        int lane = LaneOf(slot);
        return new OrderSlot
        {
            Reference = ((ulong*)b)[lane],
            Shares = ((uint*)(b + SharesAt))[lane],
            Price = ((uint*)(b + PricesAt))[lane],
            Locate = ((ushort*)(b + LocatesAt))[lane],
            Side = (Side)((Sides(b) >> lane) & 1),
        };
    }

    /// <summary>The open size of the order in <paramref name="slot"/>, to change in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref uint Shares(long slot) => ref ((uint*)(BucketOf(slot) + SharesAt))[LaneOf(slot)];

    /// <summary>Inserts a new order; -1 when the reference is already live, -2 when the store is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal long Add(ulong reference, ushort locate, Side side, uint price, uint shares)
    {
        ulong b = Home(reference);
        uint free;
        while (true)
        {
            if (Scan(Bucket(b), reference, out free) != 0)
                return -1; // a duplicate, whether or not the store is full
            if (free != 0)
                break; // the chain ends here, so the reference is nowhere further on
            b = (b + 1) & _bucketMask;
        }
        if (Count >= _limit)
            return -2;
        int lane = BitOperations.TrailingZeroCount(free);
        Write(Bucket(b), lane, reference, locate, side, price, shares);
        if (++Count > Peak)
            Peak = Count;
        return SlotOf(b, lane);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(byte* bucket, int lane, ulong reference, ushort locate, Side side, uint price, uint shares)
    {
        ((ulong*)bucket)[lane] = reference;
        ((ushort*)(bucket + LocatesAt))[lane] = locate;
        ((uint*)(bucket + SharesAt))[lane] = shares;
        ((uint*)(bucket + PricesAt))[lane] = price;
        byte bit = (byte)(1 << lane);
        Sides(bucket) = (byte)((Sides(bucket) & ~bit) | ((int)side << lane));
        Occupied(bucket) |= bit;
    }

    /// <summary>Empties <paramref name="slot"/>; when its bucket was full, later members of the chain may move back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Remove(long slot)
    {
        byte* b = BucketOf(slot);
        bool wasFull = Occupied(b) == AllLanes;
        Occupied(b) &= (byte)~(1 << LaneOf(slot));
        Count--;
        if (wasFull)
            ShiftBack(slot, (ulong)slot >> 2); // orders further on may have probed past it
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
            byte* from = Bucket(j);
            uint occupied = Occupied(from);
            wasFull = occupied == AllLanes;
            for (int lane = 0; lane < Lanes; lane++)
            {
                if ((occupied & (1u << lane)) == 0)
                    continue;
                ulong reference = ((ulong*)from)[lane];
                ulong k = Home(reference);
                // This order may move back to bucket i only if its home is not cyclically within (i, j].
                bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
                if (stays)
                    continue;
                Write(BucketOf(hole), LaneOf(hole), reference, ((ushort*)(from + LocatesAt))[lane], (Side)((Sides(from) >> lane) & 1),
                    ((uint*)(from + PricesAt))[lane], ((uint*)(from + SharesAt))[lane]);
                Occupied(from) &= (byte)~(1 << lane);
                hole = SlotOf(j, lane);
                i = j;
                break;
            }
        }
    }

    /// <summary>
    /// How far each live order sits from its home: its probe length is the number of
    /// buckets a lookup reads to reach it (1 = its home bucket). Walks the whole table:
    /// for reports and benches, not the hot path.
    /// </summary>
    public ProbeLengths ProbeLengths()
    {
        Span<long> histogram = stackalloc long[256]; // [n]: orders with probe length n + 1; the last entry takes every longer one
        histogram.Clear();
        long orders = 0, total = 0, max = 0;
        for (ulong b = 0; b <= _bucketMask; b++)
        {
            byte* bucket = Bucket(b);
            uint occupied = Occupied(bucket);
            for (int lane = 0; lane < Lanes; lane++)
            {
                if ((occupied & (1u << lane)) == 0)
                    continue;
                long length = (long)((b - Home(((ulong*)bucket)[lane])) & _bucketMask) + 1;
                orders++;
                total += length;
                max = Math.Max(max, length);
                histogram[(int)Math.Min(length - 1, histogram.Length - 1)]++;
            }
        }
        long p99 = 0, seen = 0;
        for (int n = 0; n < histogram.Length && orders > 0; n++)
        {
            seen += histogram[n];
            if (seen * 100 >= orders * 99)
            {
                p99 = n + 1;
                break;
            }
        }
        return new ProbeLengths(orders, orders == 0 ? 0 : (double)total / orders, p99, max);
    }

    /// <summary>Forgets every order (the book clears its levels with it: <see cref="OrderBook.Clear"/>).</summary>
    internal void Clear()
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
