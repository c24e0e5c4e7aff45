namespace TickToTrade.Net.Tcp;

/// <summary>
/// One connection's deadlines, in the loop's nanoseconds (0: stopped): retransmission
/// (RFC 6298), tail loss probe (RFC 8985), zero-window probe (RFC 9293 §3.8.6.1),
/// delayed ACK (RFC 9293 §3.8.6.3), keep-alive (RFC 9293 §3.8.4) and the 2 MSL wait
/// of TIME-WAIT (§3.10.8). Kept together so that what a state change stops is one call.
/// </summary>
internal struct TcpTimers
{
    public long Rto;
    public long Probe;
    public long Persist;
    public long DelayedAck;
    public long KeepAlive;
    public long TimeWait;

    /// <summary>True when <paramref name="deadline"/> is set and has come.</summary>
    public static bool Due(long deadline, long now) => deadline != 0 && now >= deadline;

    /// <summary>Every timer stopped (CLOSED).</summary>
    public void StopAll() => this = default;

    /// <summary>TIME-WAIT (RFC 9293 §3.10.7.4): nothing is sent any more but ACKs of a repeated FIN, so only the 2 MSL wait runs.</summary>
    public void EnterTimeWait(long until)
    {
        this = default;
        TimeWait = until;
    }
}
