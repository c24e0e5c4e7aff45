namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// A bounded ring of <see cref="FeedEvent"/>s, written on the hot path and drained
/// off it. When full, the newest event is dropped and counted, never blocking.
/// </summary>
public sealed class FeedEventLog
{
    private readonly FeedEvent[] _ring;
    private long _head;
    private long _tail;

    public FeedEventLog(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new FeedEvent[capacity];
    }

    /// <summary>Events lost because the ring was full.</summary>
    public long Dropped { get; private set; }

    public int Count => (int)(_tail - _head);

    public void Record(in FeedEvent e)
    {
        if (_tail - _head == _ring.Length)
        {
            Dropped++;
            return;
        }
        _ring[_tail % _ring.Length] = e;
        _tail++;
    }

    public bool TryTake(out FeedEvent e)
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
