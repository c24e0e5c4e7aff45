namespace TickToTrade.Net.Tcp;

/// <summary>Per-stack TCP settings. Times are in nanoseconds. Defaults suit a latency-sensitive order session.</summary>
public sealed class TcpConfig
{
    /// <summary>Send and receive ring sizes per connection (powers of two).</summary>
    public int SendBufferBytes { get; init; } = 1 << 20;
    public int ReceiveBufferBytes { get; init; } = 1 << 20;
    /// <summary>The MSS we announce (RFC 9293 §3.7.1); IP MTU 1500 − 40.</summary>
    public ushort Mss { get; init; } = 1460;
    /// <summary>Offer window scaling (RFC 7323 §2). The shift is derived from the receive buffer.</summary>
    public bool WindowScaling { get; init; } = true;
    /// <summary>Offer timestamps (RFC 7323 §3).</summary>
    public bool Timestamps { get; init; } = true;
    /// <summary>Offer SACK (RFC 2018).</summary>
    public bool Sack { get; init; } = true;
    /// <summary>Delay ACKs (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2). Off: ACK every segment at once.</summary>
    public bool DelayedAck { get; init; }
    public long DelayedAckTimeout { get; init; } = 40_000_000;
    /// <summary>
    /// Without delayed ACKs: hold the ACK for in-order data to the end of the poll loop's iteration, so that
    /// a reply sent in the same iteration carries it (one frame instead of two); when none comes it goes at
    /// the next poll. Every second segment is still acknowledged at once. Off: ACK each segment as it arrives.
    /// </summary>
    public bool AckAtIterationEnd { get; init; } = true;
    /// <summary>Nagle's algorithm (RFC 9293 §3.7.4). Off: small segments go out at once.</summary>
    public bool Nagle { get; init; }
    public long InitialRto { get; init; } = 1_000_000_000;   // RFC 6298 §2.1: 1 s
    public long MinRto { get; init; } = 200_000_000;         // Linux's floor; RFC 6298 §2.4 says 1 s, and allows less
    public long MaxRto { get; init; } = 60_000_000_000;      // RFC 6298 §2.5: at least 60 s
    /// <summary>Retransmissions of one segment before the connection is aborted (RFC 9293 §3.8.3, R2).</summary>
    public int MaxRetransmissions { get; init; } = 15;
    public int MaxSynRetransmissions { get; init; } = 6;
    /// <summary>RFC 5482 user timeout: how long sent data may stay unacknowledged. 0: no limit beyond the retransmission count.</summary>
    public long UserTimeout { get; init; }
    /// <summary>2·MSL for TIME-WAIT (RFC 9293 §3.4.2: MSL 2 minutes; configurable).</summary>
    public long TimeWait { get; init; } = 60_000_000_000;
    /// <summary>Keep-alive (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6): off by default; idle time, probe interval and count.</summary>
    public bool KeepAlive { get; init; }
    public long KeepAliveIdle { get; init; } = 7_200_000_000_000;
    public long KeepAliveInterval { get; init; } = 75_000_000_000;
    public int KeepAliveProbes { get; init; } = 9;
    public CongestionAlgorithm Congestion { get; init; } = CongestionAlgorithm.NewReno;
    /// <summary>Initial window in segments (RFC 6928 allows 10).</summary>
    public int InitialWindowSegments { get; init; } = 10;
    /// <summary>Out-of-order ranges held for reassembly; a segment that would need more is dropped (counted).</summary>
    public int MaxOutOfOrderRanges { get; init; } = 64;
    /// <summary>RFC 5961 §7: challenge ACKs per second, stack-wide.</summary>
    public int ChallengeAckLimit { get; init; } = 100;
    /// <summary>Zero-window probe interval floor (RFC 9293 §3.8.6.1); the probe backs off like the RTO.</summary>
    public long PersistMin { get; init; } = 200_000_000;

    /// <summary>Throws a clear message for values the stack cannot run with.</summary>
    public void Validate()
    {
        static void PowerOfTwo(string name, int v)
        {
            if (v < 1024 || (v & (v - 1)) != 0 || v > 1 << 30)
                throw new ArgumentException($"{name} must be a power of two between 1024 and 2^30, not {v}");
        }
        PowerOfTwo(nameof(SendBufferBytes), SendBufferBytes);
        PowerOfTwo(nameof(ReceiveBufferBytes), ReceiveBufferBytes);
        if (Mss < 64 || Mss > 9000)
            throw new ArgumentException($"{nameof(Mss)} must be between 64 and 9000, not {Mss}");
        if (MinRto <= 0 || MaxRto < MinRto || InitialRto < MinRto)
            throw new ArgumentException("RTO bounds must satisfy 0 < MinRto <= InitialRto and MinRto <= MaxRto");
        if (MaxOutOfOrderRanges < 1 || MaxOutOfOrderRanges > 256)
            throw new ArgumentException($"{nameof(MaxOutOfOrderRanges)} must be between 1 and 256");
        if (InitialWindowSegments < 1)
            throw new ArgumentException($"{nameof(InitialWindowSegments)} must be at least 1");
    }

    /// <summary>RFC 7323 §2.3: the smallest shift that lets the receive buffer be advertised.</summary>
    public byte ReceiveWindowShift
    {
        get
        {
            byte shift = 0;
            while (shift < 14 && (ReceiveBufferBytes >> shift) > 65535)
                shift++;
            return shift;
        }
    }
}
