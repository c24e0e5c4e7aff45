using TickToTrade.PacketIO;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Arp;

/// <summary>
/// IPv4 → MAC resolution (RFC 826) with a fixed number of entries, an expiry
/// for resolved entries, retries for pending ones, and a bounded queue of
/// frames waiting for an answer. The owner sends the requests and frames;
/// this only keeps the table.
/// </summary>
public sealed class ArpCache
{
    private readonly Entry[] _entries;
    private readonly PacketBuffer[] _queue;      // frames waiting for resolution
    private readonly uint[] _queueFor;           // the next hop each waits for
    private int _queued;

    public ArpCache(int entries = 64, int queueCapacity = 32)
    {
        _entries = new Entry[entries];
        _queue = new PacketBuffer[queueCapacity];
        _queueFor = new uint[queueCapacity];
    }

    /// <summary>How long a resolved entry is trusted (Linux's base_reachable_time is 30 s).</summary>
    public long ReachableTime { get; init; } = 30_000_000_000;
    /// <summary>Interval between requests for a pending entry, and how many before giving up.</summary>
    public long RetryInterval { get; init; } = 1_000_000_000;
    public int MaxRequests { get; init; } = 3;

    public int QueuedFrames => _queued;

    private struct Entry
    {
        public uint Ip;
        public ulong Mac;
        public long ExpiresAt;     // resolved: stale after this; pending: next request due
        public long NextRequest;   // resolved but stale: when to re-ask
        public byte State;         // 0 empty, 1 pending, 2 resolved
        public byte Requests;
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
    /// RFC 826 "merge": records sender addresses. Returns true if the entry was
    /// already known or <paramref name="create"/> asked for it (the packet was for us).
    /// </summary>
    public void Update(Ipv4Address ip, MacAddress mac, long now, bool create)
    {
        int i = Find(ip.Value);
        if (i < 0)
        {
            if (!create)
                return;
            i = Victim(now);
        }
        _entries[i] = new Entry { Ip = ip.Value, Mac = mac.Value, ExpiresAt = now + ReachableTime, State = 2 };
    }

    /// <summary>
    /// Marks <paramref name="ip"/> as wanted. Returns true when a request should go out now
    /// (first time, or the retry interval passed). <paramref name="tracked"/> is false when
    /// every entry is pending with frames queued: nothing can be evicted, so the caller
    /// must not queue a frame for this address.
    /// </summary>
    public bool Want(Ipv4Address ip, long now, out bool tracked)
    {
        tracked = true;
        int i = Find(ip.Value);
        if (i >= 0 && _entries[i].State == 1)
        {
            if (now < _entries[i].ExpiresAt)
                return false;
            _entries[i].Requests++;
            _entries[i].ExpiresAt = now + RetryInterval;
            return true;
        }
        if (i < 0)
            i = Victim(now);
        if (i < 0)
        {
            tracked = false;
            return false;
        }
        _entries[i] = new Entry { Ip = ip.Value, State = 1, Requests = 1, ExpiresAt = now + RetryInterval };
        return true;
    }

    /// <inheritdoc cref="Want(Ipv4Address, long, out bool)"/>
    public bool Want(Ipv4Address ip, long now) => Want(ip, now, out _);

    /// <summary>Holds a built frame until its next hop resolves; false when the queue is full (the caller frees and counts it).</summary>
    public bool Enqueue(Ipv4Address nextHop, PacketBuffer frame)
    {
        if (_queued == _queue.Length)
            return false;
        _queue[_queued] = frame;
        _queueFor[_queued] = nextHop.Value;
        _queued++;
        return true;
    }

    /// <summary>Takes the queued frames for <paramref name="ip"/> into <paramref name="target"/>; returns how many.</summary>
    public int TakeQueued(Ipv4Address ip, Span<PacketBuffer> target)
    {
        int n = 0;
        for (int i = 0; i < _queued;)
        {
            if (_queueFor[i] == ip.Value && n < target.Length)
            {
                target[n++] = _queue[i];
                RemoveQueued(i);
            }
            else
            {
                i++;
            }
        }
        return n;
    }

    /// <summary>
    /// Pending entries that ran out of requests: their queued frames go to
    /// <paramref name="dropped"/> for the owner to free; returns how many.
    /// Entries that need another request are listed in <paramref name="retry"/>.
    /// </summary>
    public int Expire(long now, Span<PacketBuffer> dropped, Span<Ipv4Address> retry, out int retries)
    {
        int n = 0;
        retries = 0;
        for (int i = 0; i < _entries.Length; i++)
        {
            ref Entry e = ref _entries[i];
            if (e.State != 1 || now < e.ExpiresAt)
                continue;
            if (e.Requests >= MaxRequests)
            {
                n += TakeQueued(new Ipv4Address(e.Ip), dropped[n..]);
                e.State = 0;
            }
            else if (retries < retry.Length)
            {
                retry[retries++] = new Ipv4Address(e.Ip);
            }
        }
        return n;
    }

    private void RemoveQueued(int i)
    {
        _queued--;
        _queue[i] = _queue[_queued];
        _queueFor[i] = _queueFor[_queued];
    }

    private int Find(uint ip)
    {
        for (int i = 0; i < _entries.Length; i++)
            if (_entries[i].State != 0 && _entries[i].Ip == ip)
                return i;
        return -1;
    }

    /// <summary>
    /// An empty slot, else the resolved entry that expires first, else a pending entry
    /// with no frames queued; -1 when every entry is pending with frames waiting (evicting
    /// one would orphan its frames).
    /// </summary>
    private int Victim(long now)
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
            else if (_entries[i].State == 1 && pendingIdle < 0 && !HasQueued(_entries[i].Ip))
            {
                pendingIdle = i;
            }
        }
        return best >= 0 ? best : pendingIdle;
    }

    private bool HasQueued(uint ip)
    {
        for (int q = 0; q < _queued; q++)
            if (_queueFor[q] == ip)
                return true;
        return false;
    }
}
