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
    /// <summary>Segments waiting for ARP that a newer segment of the connection covered (a retransmission, or a later ACK): freed, never sent twice.</summary>
    public long ArpQueueReplaced;
    public long ArpTimeouts;
    public long Ipv4Malformed;
    public long Ipv4BadChecksum;
    /// <summary>Every fragment dropped, whatever the cause (the causes follow), including those held for a datagram that was then dropped.</summary>
    public long Ipv4FragmentsDropped;
    public long Ipv4FragmentsReceived;
    /// <summary>Datagrams put back together and delivered.</summary>
    public long Ipv4Reassembled;
    /// <summary>Exact copies of held fragments (dropped alone).</summary>
    public long Ipv4FragmentDuplicates;
    /// <summary>Fragments dropped because every reassembly buffer was busy, or a datagram came in too many pieces.</summary>
    public long Ipv4FragmentsNoRoom;
    /// <summary>Datagrams dropped because their reassembly timer ran out (RFC 791 §3.2).</summary>
    public long Ipv4ReassemblyTimeouts;
    /// <summary>Datagrams dropped because a fragment overlapped held data.</summary>
    public long Ipv4FragmentOverlaps;
    /// <summary>Datagrams dropped because a fragment reached past 65,535 bytes or past the last fragment's end.</summary>
    public long Ipv4FragmentsOversize;
    /// <summary>Fragments with MF set and a length that is not a positive multiple of 8.</summary>
    public long Ipv4FragmentsMalformed;
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
    /// <summary>Datagrams not sent because they exceed the MTU (we never fragment).</summary>
    public long TxTooLarge;
}
