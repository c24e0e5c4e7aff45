namespace TickToTrade.Net.Stack;

/// <summary>Link, ARP, IPv4, ICMP and UDP counters of one stack (TCP's are in <see cref="Tcp.TcpCounters"/>). Every drop has one.</summary>
public sealed class NetCounters
{
    public long FramesReceived;
    public long FramesSent;
    public long MalformedFrames;
    public long NotForUs;
    public long UnknownEtherType;
    public long ArpRequestsReceived;
    public long ArpRepliesReceived;
    public long ArpRequestsSent;
    public long ArpRepliesSent;
    public long ArpMalformed;
    public long ArpQueued;
    public long ArpQueueDropped;
    /// <summary>Frames waiting for ARP that a retransmission of the same segment replaced (freed, never sent twice).</summary>
    public long ArpQueueReplaced;
    public long ArpTimeouts;
    public long Ipv4Malformed;
    public long Ipv4BadChecksum;
    public long Ipv4FragmentsDropped;
    public long Ipv4NotForUs;
    public long UnknownProtocol;
    public long IcmpEchoRequests;
    public long IcmpEchoReplies;
    public long IcmpUnreachable;
    public long IcmpMalformed;
    public long UdpReceived;
    public long UdpSent;
    public long UdpNoSocket;
    public long UdpBadChecksum;
    public long UdpMalformed;
    public long UdpQueueFull;
    public long TcpMalformed;
    public long TcpBadChecksum;
    public long TxNoBuffer;
    public long TxDropped;
}
