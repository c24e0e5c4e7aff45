namespace TickToTrade.Net.Tcp;

/// <summary>Why a connection ended, or the last soft error it saw (RFC 9293 §3.10: the "error:" replies to the user).</summary>
public enum TcpError : byte
{
    None,
    /// <summary>An acceptable RST arrived (RFC 9293 §3.10.7.4 "connection reset").</summary>
    ConnectionReset,
    /// <summary>RST in answer to our SYN (§3.10.7.3 "connection refused").</summary>
    ConnectionRefused,
    /// <summary>The user timeout or the retransmission limit expired (§3.8.3).</summary>
    TimedOut,
    /// <summary>Keep-alive probes went unanswered.</summary>
    KeepAliveTimedOut,
    /// <summary>ICMP destination unreachable (RFC 1122 §4.2.3.9).</summary>
    Unreachable,
    /// <summary>The user aborted.</summary>
    Aborted,
}
