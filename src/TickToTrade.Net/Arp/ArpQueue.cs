using TickToTrade.PacketIO;

namespace TickToTrade.Net.Arp;

/// <summary>
/// Frames waiting for their next hop's MAC (RFC 1122 §2.3.2.2), in the order they
/// were built, each with the time it was queued and, for a TCP segment, its
/// connection and the sequence range it covers (SYN and FIN included). A new
/// segment of a connection supersedes every queued one whose range it covers, and
/// every queued bare ACK of it (the new one acknowledges as much or more): a
/// retransmission, even one that repacks the data, never leaves with its older
/// copies. Fixed capacity; never allocates.
/// </summary>
internal sealed class ArpQueue
{
    private readonly PacketBuffer[] _frames;
    private readonly uint[] _nextHop;
    private readonly ulong[] _key;   // the connection (0: not a TCP segment, never superseded)
    private readonly uint[] _start, _end;
    private readonly long[] _queuedAt;
    private int _count;

    public ArpQueue(int capacity)
    {
        _frames = new PacketBuffer[capacity];
        _nextHop = new uint[capacity];
        _key = new ulong[capacity];
        _start = new uint[capacity];
        _end = new uint[capacity];
        _queuedAt = new long[capacity];
    }

    public int Count => _count;

    /// <summary>
    /// Queues <paramref name="frame"/>; the queued segments it supersedes go to <paramref name="superseded"/>
    /// (for the caller to free) and the new frame takes the first one's place. False when the queue is full.
    /// </summary>
    public bool Add(uint nextHop, PacketBuffer frame, ulong connection, uint start, uint end, long now, Span<PacketBuffer> superseded, out int supersededCount)
    {
        supersededCount = 0;
        int place = -1;
        if (connection != 0)
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
            {
                bool covered = _key[i] == connection && _nextHop[i] == nextHop
                    && (_start[i] == _end[i] || (Tcp.Seq.Ge(_start[i], start) && Tcp.Seq.Le(_end[i], end)));
                if (covered && supersededCount < superseded.Length)
                {
                    superseded[supersededCount++] = _frames[i];
                    if (place < 0)
                        place = kept++; // the newest copy goes where the oldest stood
                    continue;
                }
                Keep(i, kept++);
            }
            _count = kept;
        }
        if (place < 0)
        {
            if (_count == _frames.Length)
                return false;
            place = _count++;
        }
        _frames[place] = frame;
        _nextHop[place] = nextHop;
        _key[place] = connection;
        _start[place] = start;
        _end[place] = end;
        _queuedAt[place] = now;
        return true;
    }

    /// <summary>Moves the frames for <paramref name="nextHop"/> into <paramref name="target"/>, oldest first.</summary>
    public int Take(uint nextHop, Span<PacketBuffer> target)
    {
        int n = 0;
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_nextHop[i] == nextHop && n < target.Length)
                target[n++] = _frames[i];
            else
                Keep(i, kept++);
        }
        _count = kept;
        return n;
    }

    /// <summary>Moves the frames queued before <paramref name="cutoff"/> into <paramref name="target"/>.</summary>
    public int TakeOlderThan(long cutoff, Span<PacketBuffer> target)
    {
        int n = 0;
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            if (_queuedAt[i] <= cutoff && n < target.Length)
                target[n++] = _frames[i];
            else
                Keep(i, kept++);
        }
        _count = kept;
        return n;
    }

    public bool Holds(uint nextHop)
    {
        for (int i = 0; i < _count; i++)
            if (_nextHop[i] == nextHop)
                return true;
        return false;
    }

    private void Keep(int from, int to)
    {
        if (from == to)
            return;
        _frames[to] = _frames[from];
        _nextHop[to] = _nextHop[from];
        _key[to] = _key[from];
        _start[to] = _start[from];
        _end[to] = _end[from];
        _queuedAt[to] = _queuedAt[from];
    }
}
