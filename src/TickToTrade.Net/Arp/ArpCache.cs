using TickToTrade.PacketIO;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Arp;

/// <summary>
/// IPv4 → MAC resolution (RFC 826) with a fixed number of entries, an expiry
/// for resolved entries, and a bounded queue of frames waiting for an answer
/// (<see cref="ArpQueue"/>). An address is asked for at most once per
/// <see cref="RetryInterval"/> (RFC 1122 §2.3.2.1), and asked again every
/// interval for as long as a frame waits for it. The owner sends the requests
/// and frames; this only keeps the table.
/// </summary>
public sealed class ArpCache
{
    private readonly Entry[] _entries;
    private readonly ArpQueue _queue;
    private int _last; // the entry Find returned last

    public ArpCache(int entries = 64, int queueCapacity = 32)
    {
        _entries = new Entry[entries];
        _queue = new ArpQueue(queueCapacity);
    }

    /// <summary>How long a resolved entry is trusted (Linux's base_reachable_time is 30 s).</summary>
    public long ReachableTime { get; init; } = 30_000_000_000;
    /// <summary>RFC 1122 §2.3.2.1: the least time between two requests for one address.</summary>
    public long RetryInterval { get; init; } = 1_000_000_000;
    /// <summary>A stale entry is re-asked this many intervals before it stops resolving (Linux's PROBE state).</summary>
    public int MaxRequests { get; init; } = 3;
    /// <summary>How long a frame may wait for its next hop before it is dropped (Linux: 3 solicitations a second apart).</summary>
    public long QueueTimeout { get; init; } = 3_000_000_000;

    public int QueuedFrames => _queue.Count;

    private struct Entry
    {
        public uint Ip;
        public ulong Mac;
        public long ExpiresAt;     // resolved: stale after this
        public long NextRequest;   // the earliest time another request may go (RFC 1122 §2.3.2.1)
        public byte State;         // 0 empty, 1 pending, 2 resolved
    }

    /// <summary>The MAC for <paramref name="ip"/> if resolved and fresh.</summary>
    public bool TryGet(Ipv4Address ip, long now, out MacAddress mac) => TryGet(ip, now, out mac, out _);

    /// <summary>
    /// The MAC for <paramref name="ip"/>. Past its reachable time an entry is still used
    /// for <see cref="MaxRequests"/> retry intervals while it is re-asked
    /// (<paramref name="refresh"/>: send a request now), as Linux's STALE/PROBE states
    /// do, so traffic does not stop every 30 s; after that it no longer resolves.
    /// </summary>
    public bool TryGet(Ipv4Address ip, long now, out MacAddress mac, out bool refresh)
    {
        refresh = false;
        mac = default;
        int i = Find(ip.Value);
        if (i < 0 || _entries[i].State != 2)
            return false;
        ref Entry e = ref _entries[i];
        if (now >= e.ExpiresAt)
        {
            if (now >= e.ExpiresAt + MaxRequests * RetryInterval)
                return false;
            if (now >= e.NextRequest)
            {
                refresh = true;
                e.NextRequest = now + RetryInterval;
            }
        }
        mac = new MacAddress(e.Mac);
        return true;
    }

    /// <summary>
    /// RFC 826 "merge": records the sender's addresses if the entry is known, or
    /// creates it when <paramref name="create"/> says the packet was for us.
    /// </summary>
    public void Update(Ipv4Address ip, MacAddress mac, long now, bool create)
    {
        int i = Find(ip.Value);
        if (i < 0)
        {
            if (!create)
                return;
            i = Victim();
            if (i < 0)
                return; // every entry has frames waiting: keep them rather than this one
        }
        _entries[i] = new Entry { Ip = ip.Value, Mac = mac.Value, ExpiresAt = now + ReachableTime, State = 2 };
    }

    /// <summary>
    /// Marks <paramref name="ip"/> as wanted. Returns true when a request should go out now:
    /// the first time, or once the retry interval has passed since the last one.
    /// <paramref name="tracked"/> is false when every entry is pending with frames queued:
    /// nothing can be evicted, so the caller must not queue a frame for this address.
    /// </summary>
    public bool Want(Ipv4Address ip, long now, out bool tracked)
    {
        tracked = true;
        int i = Find(ip.Value);
        if (i >= 0 && _entries[i].State == 1)
        {
            if (now < _entries[i].NextRequest)
                return false;
            _entries[i].NextRequest = now + RetryInterval;
            return true;
        }
        if (i < 0)
            i = Victim();
        if (i < 0)
        {
            tracked = false;
            return false;
        }
        _entries[i] = new Entry { Ip = ip.Value, State = 1, NextRequest = now + RetryInterval };
        return true;
    }

    /// <inheritdoc cref="Want(Ipv4Address, long, out bool)"/>
    public bool Want(Ipv4Address ip, long now) => Want(ip, now, out _);

    /// <summary>
    /// Holds a built frame until its next hop resolves. For a TCP segment (<paramref name="connection"/>
    /// nonzero, covering sequence numbers [<paramref name="start"/>, <paramref name="end"/>)), the queued
    /// segments of that connection it supersedes come back in <paramref name="superseded"/> for the caller
    /// to free, so an answer never releases two copies of the same bytes. False when the queue is full.
    /// </summary>
    public bool Enqueue(Ipv4Address nextHop, PacketBuffer frame, ulong connection, uint start, uint end, long now, Span<PacketBuffer> superseded, out int supersededCount) =>
        _queue.Add(nextHop.Value, frame, connection, start, end, now, superseded, out supersededCount);

    /// <summary>Takes the queued frames for <paramref name="ip"/> into <paramref name="target"/>, oldest first; returns how many.</summary>
    public int TakeQueued(Ipv4Address ip, Span<PacketBuffer> target) => _queue.Take(ip.Value, target);

    /// <summary>
    /// Frames that waited <see cref="QueueTimeout"/> go to <paramref name="dropped"/> for the
    /// owner to free; returns how many. Pending addresses that still have frames waiting and
    /// whose retry interval has passed are listed in <paramref name="retry"/>; pending addresses
    /// with nothing waiting are forgotten once their interval passes.
    /// </summary>
    public int Expire(long now, Span<PacketBuffer> dropped, Span<Ipv4Address> retry, out int retries)
    {
        int n = _queue.TakeOlderThan(now - QueueTimeout, dropped);
        retries = 0;
        for (int i = 0; i < _entries.Length; i++)
        {
            ref Entry e = ref _entries[i];
            if (e.State != 1 || now < e.NextRequest)
                continue;
            if (!_queue.Holds(e.Ip))
                e.State = 0;
            else if (retries < retry.Length)
                retry[retries++] = new Ipv4Address(e.Ip);
        }
        return n;
    }

    private int Find(uint ip)
    {
        // The order session talks to one next hop: try the entry found last before scanning.
        int last = _last;
        if (_entries[last].State != 0 && _entries[last].Ip == ip)
            return last;
        for (int i = 0; i < _entries.Length; i++)
            if (_entries[i].State != 0 && _entries[i].Ip == ip)
                return _last = i;
        return -1;
    }

    /// <summary>
    /// An empty slot, else the resolved entry that expires first, else a pending entry
    /// with no frames queued; -1 when every entry is pending with frames waiting (evicting
    /// one would orphan its frames).
    /// </summary>
    private int Victim()
    {
        int best = -1;
        long bestAt = long.MaxValue;
        int pendingIdle = -1;
        for (int i = 0; i < _entries.Length; i++)
        {
            if (_entries[i].State == 0)
                return i;
            if (_entries[i].State == 2 && _entries[i].ExpiresAt < bestAt)
            {
                best = i;
                bestAt = _entries[i].ExpiresAt;
            }
            else if (_entries[i].State == 1 && pendingIdle < 0 && !_queue.Holds(_entries[i].Ip))
            {
                pendingIdle = i;
            }
        }
        return best >= 0 ? best : pendingIdle;
    }
}
