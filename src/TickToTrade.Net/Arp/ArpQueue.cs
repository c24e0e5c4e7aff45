using TickToTrade.PacketIO;

namespace TickToTrade.Net.Arp;

/// <summary>
/// Frames waiting for their next hop's MAC (RFC 1122 §2.3.2.2), in the order they
/// were built, each with the time it was queued and an optional key naming the
/// segment it carries, so a retransmission replaces its own earlier copy.
/// Fixed capacity; never allocates.
/// </summary>
internal sealed class ArpQueue
{
    private readonly PacketBuffer[] _frames;
    private readonly uint[] _nextHop;
    private readonly ulong[] _key;
    private readonly long[] _queuedAt;
    private int _count;

    public ArpQueue(int capacity)
    {
        _frames = new PacketBuffer[capacity];
        _nextHop = new uint[capacity];
        _key = new ulong[capacity];
        _queuedAt = new long[capacity];
    }

    public int Count => _count;

    public bool Add(uint nextHop, PacketBuffer frame, ulong key, long now, out PacketBuffer replaced, out bool didReplace)
    {
        replaced = default;
        didReplace = false;
        if (key != 0)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_key[i] == key && _nextHop[i] == nextHop)
                {
                    // The newer copy takes the older one's place in the order, with a fresh age.
                    replaced = _frames[i];
                    didReplace = true;
                    _frames[i] = frame;
                    _queuedAt[i] = now;
                    return true;
                }
            }
        }
        if (_count == _frames.Length)
            return false;
        _frames[_count] = frame;
        _nextHop[_count] = nextHop;
        _key[_count] = key;
        _queuedAt[_count] = now;
        _count++;
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
        _queuedAt[to] = _queuedAt[from];
    }
}
