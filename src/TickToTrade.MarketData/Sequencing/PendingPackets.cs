using System.Runtime.InteropServices;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// MoldUDP64 packets that arrived ahead of a gap, copied into one native block
/// allocated at start-up, and replayed in order once the gap is filled. Full
/// means the packet is dropped (and counted by the caller): the retransmission
/// request then covers it too.
/// </summary>
public sealed unsafe class PendingPackets : IDisposable
{
    private readonly int _slotBytes;
    private readonly ulong[] _sequence;
    private readonly int[] _count;
    private readonly int[] _length;
    private byte* _memory;

    public PendingPackets(int slots, int slotBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBytes, 64);
        _slotBytes = slotBytes;
        _sequence = new ulong[slots];
        _count = new int[slots];
        _length = new int[slots];
        _memory = (byte*)NativeMemory.Alloc((nuint)slots * (nuint)slotBytes);
    }

    public int Capacity => _sequence.Length;
    public int Stored { get; private set; }

    /// <summary>
    /// Copies a packet's message blocks; false when no slot is free or it is too
    /// large. A packet already held (its A or B copy) is not stored twice.
    /// </summary>
    public bool TryStore(ulong sequence, int count, ReadOnlySpan<byte> blocks)
    {
        if (blocks.Length > _slotBytes)
            return false;
        int free = -1;
        for (int i = 0; i < _count.Length; i++)
        {
            if (_count[i] == 0)
            {
                if (free < 0)
                    free = i;
                continue;
            }
            if (_sequence[i] == sequence && _count[i] >= count)
                return true;
        }
        if (free >= 0)
        {
            int i = free;
            blocks.CopyTo(new Span<byte>(_memory + (nint)i * _slotBytes, _slotBytes));
            _sequence[i] = sequence;
            _count[i] = count;
            _length[i] = blocks.Length;
            Stored++;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The stored packet that holds sequence <paramref name="next"/>, if any; packets
    /// wholly before it are discarded on the way (they were filled another way).
    /// </summary>
    public bool TryTakeCovering(ulong next, out ulong sequence, out int count, out ReadOnlySpan<byte> blocks)
    {
        for (int i = 0; i < _count.Length; i++)
        {
            if (_count[i] == 0)
                continue;
            ulong end = _sequence[i] + (ulong)_count[i];
            if (end <= next)
            {
                Release(i);
                continue;
            }
            if (_sequence[i] <= next)
            {
                sequence = _sequence[i];
                count = _count[i];
                blocks = new ReadOnlySpan<byte>(_memory + (nint)i * _slotBytes, _length[i]);
                Release(i); // the bytes stay valid until the next TryStore
                return true;
            }
        }
        sequence = 0;
        count = 0;
        blocks = default;
        return false;
    }

    /// <summary>Lowest stored sequence number above <paramref name="after"/>, or ulong.MaxValue.</summary>
    public ulong LowestAbove(ulong after)
    {
        ulong lowest = ulong.MaxValue;
        for (int i = 0; i < _count.Length; i++)
        {
            if (_count[i] != 0 && _sequence[i] > after && _sequence[i] < lowest)
                lowest = _sequence[i];
        }
        return lowest;
    }

    public void Clear()
    {
        Array.Clear(_count);
        Stored = 0;
    }

    private void Release(int i)
    {
        _count[i] = 0;
        Stored--;
    }

    public void Dispose()
    {
        if (_memory != null)
        {
            NativeMemory.Free(_memory);
            _memory = null;
        }
    }
}
