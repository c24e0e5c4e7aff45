namespace TickToTrade.MarketData.Diagnostics;

/// <summary>
/// A bounded ring of plain-value events, written on the hot path and drained off
/// it (by a logger, a monitor, a test). When full, the newest event is dropped
/// and counted, never blocking and never allocating.
/// </summary>
public sealed class EventRing<T> where T : struct
{
    private readonly T[] _ring;
    private long _head;
    private long _tail;

    public EventRing(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new T[capacity];
    }

    /// <summary>Events lost because the ring was full.</summary>
    public long Dropped { get; private set; }

    public int Count => (int)(_tail - _head);

    public void Record(in T e)
    {
        if (_tail - _head == _ring.Length)
        {
            Dropped++;
            return;
        }
        _ring[_tail % _ring.Length] = e;
        _tail++;
    }

    public bool TryTake(out T e)
    {
        if (_head == _tail)
        {
            e = default;
            return false;
        }
        e = _ring[_head % _ring.Length];
        _head++;
        return true;
    }
}
