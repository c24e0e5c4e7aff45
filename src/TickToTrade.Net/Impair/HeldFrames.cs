using TickToTrade.PacketIO;

namespace TickToTrade.Net.Impair;

/// <summary>Frames held back (delayed or reordered) with the time each may go, in arrival order; fixed capacity.</summary>
internal sealed class HeldFrames
{
    private readonly PacketBuffer[] _frames;
    private readonly long[] _due;
    private int _head, _count;

    public HeldFrames(int capacity)
    {
        _frames = new PacketBuffer[capacity];
        _due = new long[capacity];
    }

    public int Count => _count;

    public bool TryAdd(PacketBuffer frame, long due)
    {
        if (_count == _frames.Length)
            return false;
        int i = (_head + _count) % _frames.Length;
        _frames[i] = frame;
        _due[i] = due;
        _count++;
        return true;
    }

    /// <summary>Takes frames that are due, oldest first, while they are due (order among held frames is kept).</summary>
    public int TakeDue(long now, Span<PacketBuffer> target)
    {
        int n = 0;
        while (_count > 0 && n < target.Length && _due[_head] <= now)
        {
            target[n++] = _frames[_head];
            _head = (_head + 1) % _frames.Length;
            _count--;
        }
        return n;
    }
}
