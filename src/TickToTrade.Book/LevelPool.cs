using System.Numerics;
using System.Runtime.CompilerServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Book;

/// <summary>
/// One native arena of price levels, shared by the deep tiers of every symbol's
/// sides, handed out in blocks of a power of two of levels (a binary buddy
/// allocator, Knuth 2.5: a freed block merges with its free buddy, so a side that
/// grew deep and shrank again gives its memory back to the day). One deep symbol
/// can take most of the pool while the others hold a few levels each: the pool
/// runs out only when the book as a whole has no block of the size asked for.
/// <para>
/// The free lists are threaded through the free blocks themselves (a block's first
/// 8 bytes hold the next and previous free block of its order), and one byte per
/// smallest block marks the head of a free block and its order, so allocation and
/// freeing allocate nothing and take O(log size) steps. The deep tiers take 32-level
/// chunks and small chunk directories from it (<see cref="DeepTier"/>).
/// </para>
/// </summary>
internal sealed unsafe class LevelPool : IDisposable
{
    /// <summary>The smallest block: 8 levels, 128 bytes.</summary>
    public const int MinOrder = 3;

    /// <summary>No block (an empty free list, or an allocation that failed).</summary>
    public const uint None = uint.MaxValue;

    /// <summary>The most levels a pool holds (16 GiB), so a side's depth fits an int.</summary>
    public const long MaxLevels = 1L << 30;

    private const int MaxOrder = 30;
    private readonly NativeArena _arena;
    private PriceLevel* _levels;
    private readonly uint _total;
    private readonly uint[] _head = new uint[MaxOrder + 1];
    /// <summary>Per smallest block: 0, or the order + 1 of the free block that starts there.</summary>
    private readonly byte[] _freeHead;

    /// <param name="levels">Levels in the pool, rounded up to a whole number of smallest blocks (at least one).</param>
    public LevelPool(long levels)
    {
        if (levels is < 1 or > MaxLevels)
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "the level pool holds 1..2^30 levels");
        long min = 1L << MinOrder;
        _total = (uint)((levels + min - 1) / min * min);
        _arena = new NativeArena((long)_total * sizeof(PriceLevel), "the price level pool");
        _levels = (PriceLevel*)_arena.Pointer;
        _freeHead = new byte[_total >> MinOrder];
        Reset();
    }

    /// <summary>Levels the pool holds.</summary>
    public long Capacity => _total;

    /// <summary>Levels in blocks handed out now.</summary>
    public long Used { get; private set; }

    /// <summary>Most levels handed out at one time since the last <see cref="Reset"/>.</summary>
    public long Peak { get; private set; }

    /// <summary>Allocations refused because no free block was large enough (a refused shrink of a chunk directory, which only gives memory back, counts too).</summary>
    public long Refused { get; private set; }

    /// <summary>Bytes of native memory the pool takes.</summary>
    public long Bytes => _arena.Bytes;

    /// <summary>Level <paramref name="offset"/> of the pool (a block's first level is at its offset).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PriceLevel* At(uint offset) => _levels + offset;

    /// <summary>A block of 2^<paramref name="order"/> levels, or <see cref="None"/> when no free block is that large.</summary>
    public uint Allocate(int order)
    {
        int j = order;
        while (j <= MaxOrder && _head[j] == None)
            j++;
        if (j > MaxOrder)
        {
            Refused++;
            return None;
        }
        uint offset = Pop(j);
        while (j > order)
        {
            j--;
            Push(offset + (1u << j), j); // the upper half of the split stays free
        }
        Used += 1L << order;
        Peak = Math.Max(Peak, Used);
        return offset;
    }

    /// <summary>Gives back the block at <paramref name="offset"/> of 2^<paramref name="order"/> levels, merging it with its free buddies.</summary>
    public void Free(uint offset, int order)
    {
        Used -= 1L << order;
        while (order < MaxOrder)
        {
            uint buddy = offset ^ (1u << order);
            if ((ulong)buddy + (1u << order) > _total || _freeHead[buddy >> MinOrder] != order + 1)
                break;
            Unlink(buddy, order);
            offset = Math.Min(offset, buddy);
            order++;
        }
        Push(offset, order);
    }

    /// <summary>Every block free again: the pool cut into the largest aligned blocks that fit.</summary>
    public void Reset()
    {
        Array.Fill(_head, None);
        Array.Clear(_freeHead);
        uint offset = 0;
        while (offset < _total)
        {
            int order = offset == 0 ? MaxOrder : BitOperations.TrailingZeroCount(offset);
            while ((ulong)offset + (1UL << order) > _total)
                order--;
            Push(offset, order);
            offset += 1u << order;
        }
        Used = 0;
        Peak = 0;
        Refused = 0;
    }

    // A free block's first level holds its list links: Price = next, Orders = previous.
    private void Push(uint offset, int order)
    {
        uint next = _head[order];
        _levels[offset] = new PriceLevel { Price = next, Orders = None };
        if (next != None)
            _levels[next].Orders = offset;
        _head[order] = offset;
        _freeHead[offset >> MinOrder] = (byte)(order + 1);
    }

    private uint Pop(int order)
    {
        uint offset = _head[order];
        Unlink(offset, order);
        return offset;
    }

    private void Unlink(uint offset, int order)
    {
        uint next = _levels[offset].Price, previous = _levels[offset].Orders;
        if (previous == None)
            _head[order] = next;
        else
            _levels[previous].Price = next;
        if (next != None)
            _levels[next].Orders = previous;
        _freeHead[offset >> MinOrder] = 0;
    }

    public void Dispose()
    {
        if (_levels != null)
        {
            _arena.Dispose();
            _levels = null;
        }
    }
}
