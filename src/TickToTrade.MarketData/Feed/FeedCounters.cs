namespace TickToTrade.MarketData.Feed;

/// <summary>
/// Everything the market-data path counts, one field per drop reason. Written
/// by the poll loop only; read off the hot path through <see cref="ToPairs"/>.
/// </summary>
public struct FeedCounters
{
    // ---- frames (FeedDecoder) ----
    public long Frames;
    public long EthernetTruncated;
    public long TooManyVlanTags;
    public long NotIpv4;
    public long Ipv4Truncated;
    public long Ipv4BadVersion;
    public long Ipv4BadHeaderLength;
    public long Ipv4BadChecksum;
    public long Ipv4Fragments;
    public long NotUdp;
    public long UdpTruncated;
    public long UdpBadLength;
    public long UdpBadChecksum;
    public long FilteredOut;
    public long MoldTruncated;
    public long Packets;

    // ---- MoldUDP64 ----
    public long Heartbeats;
    public long EndOfSession;
    public long MalformedPackets;
    public long ForeignSession;
    public long Messages;

    // ---- sequencing (MoldSequencer) ----
    public long ImplausibleSequence;
    public long DuplicatePackets;
    public long DuplicateMessages;
    public long Gaps;
    public long GapMessages;
    public long Recoveries;
    public long RetransmitRequests;
    public long PendingStored;
    public long PendingDropped;
    public long UnrecoveredAlarms;
    public long AppliedMessages;

    // ---- ITCH ----
    public long ItchEmpty;
    public long ItchUnknownType;
    public long ItchWrongLength;

    /// <summary>Frames dropped before they became a MoldUDP64 packet, all reasons together.</summary>
    public readonly long FramesDropped =>
        EthernetTruncated + TooManyVlanTags + NotIpv4 + Ipv4Truncated + Ipv4BadVersion + Ipv4BadHeaderLength + Ipv4BadChecksum
        + Ipv4Fragments + NotUdp + UdpTruncated + UdpBadLength + UdpBadChecksum + FilteredOut + MoldTruncated;

    /// <summary>Packets or messages that could not be trusted: malformed Mold blocks and bad ITCH messages.</summary>
    public readonly long Malformed => MalformedPackets + ImplausibleSequence + ItchEmpty + ItchUnknownType + ItchWrongLength;

    /// <summary>Adds every counter of <paramref name="other"/> (per-session counters into a total).</summary>
    public void Add(in FeedCounters other)
    {
        Frames += other.Frames;
        EthernetTruncated += other.EthernetTruncated;
        TooManyVlanTags += other.TooManyVlanTags;
        NotIpv4 += other.NotIpv4;
        Ipv4Truncated += other.Ipv4Truncated;
        Ipv4BadVersion += other.Ipv4BadVersion;
        Ipv4BadHeaderLength += other.Ipv4BadHeaderLength;
        Ipv4BadChecksum += other.Ipv4BadChecksum;
        Ipv4Fragments += other.Ipv4Fragments;
        NotUdp += other.NotUdp;
        UdpTruncated += other.UdpTruncated;
        UdpBadLength += other.UdpBadLength;
        UdpBadChecksum += other.UdpBadChecksum;
        FilteredOut += other.FilteredOut;
        MoldTruncated += other.MoldTruncated;
        Packets += other.Packets;
        Heartbeats += other.Heartbeats;
        EndOfSession += other.EndOfSession;
        MalformedPackets += other.MalformedPackets;
        ForeignSession += other.ForeignSession;
        Messages += other.Messages;
        ImplausibleSequence += other.ImplausibleSequence;
        DuplicatePackets += other.DuplicatePackets;
        DuplicateMessages += other.DuplicateMessages;
        Gaps += other.Gaps;
        GapMessages += other.GapMessages;
        Recoveries += other.Recoveries;
        RetransmitRequests += other.RetransmitRequests;
        PendingStored += other.PendingStored;
        PendingDropped += other.PendingDropped;
        UnrecoveredAlarms += other.UnrecoveredAlarms;
        AppliedMessages += other.AppliedMessages;
        ItchEmpty += other.ItchEmpty;
        ItchUnknownType += other.ItchUnknownType;
        ItchWrongLength += other.ItchWrongLength;
    }

    /// <summary>Counts one ITCH message by its dispatch outcome: applied, or refused for its reason.</summary>
    public void Count(Itch.ItchStatus status)
    {
        switch (status)
        {
            case Itch.ItchStatus.Ok: AppliedMessages++; break;
            case Itch.ItchStatus.Empty: ItchEmpty++; break;
            case Itch.ItchStatus.UnknownType: ItchUnknownType++; break;
            default: ItchWrongLength++; break;
        }
    }

    public readonly (string Name, long Value)[] ToPairs() =>
    [
        ("frames", Frames), ("ethernet_truncated", EthernetTruncated), ("too_many_vlan_tags", TooManyVlanTags),
        ("not_ipv4", NotIpv4), ("ipv4_truncated", Ipv4Truncated), ("ipv4_bad_version", Ipv4BadVersion),
        ("ipv4_bad_header_length", Ipv4BadHeaderLength), ("ipv4_bad_checksum", Ipv4BadChecksum), ("ipv4_fragments", Ipv4Fragments),
        ("not_udp", NotUdp), ("udp_truncated", UdpTruncated), ("udp_bad_length", UdpBadLength), ("udp_bad_checksum", UdpBadChecksum),
        ("filtered_out", FilteredOut), ("mold_truncated", MoldTruncated), ("packets", Packets), ("heartbeats", Heartbeats),
        ("end_of_session", EndOfSession), ("malformed_packets", MalformedPackets), ("foreign_session", ForeignSession),
        ("messages", Messages), ("implausible_sequence", ImplausibleSequence), ("duplicate_packets", DuplicatePackets), ("duplicate_messages", DuplicateMessages),
        ("gaps", Gaps), ("gap_messages", GapMessages), ("recoveries", Recoveries), ("retransmit_requests", RetransmitRequests),
        ("pending_stored", PendingStored), ("pending_dropped", PendingDropped), ("unrecovered_alarms", UnrecoveredAlarms),
        ("applied_messages", AppliedMessages), ("itch_empty", ItchEmpty), ("itch_unknown_type", ItchUnknownType),
        ("itch_wrong_length", ItchWrongLength),
    ];
}
