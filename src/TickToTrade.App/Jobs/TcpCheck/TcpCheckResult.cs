using System.Text.Json;
using HdrHistogram;
using TickToTrade.Net.Impair;
using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;

namespace TickToTrade.App.Jobs.TcpCheck;

/// <summary>The JSON tcpcheck prints: what moved, how long it took, what the stack had to do, and whether the bytes were intact.</summary>
public sealed class TcpCheckResult
{
    public string Mode = "client";
    /// <summary>Which port carried it: dpdk, tap (our tap-fd port) or shm (our shared-memory port).</summary>
    public string Port = "dpdk";
    /// <summary>Whether the device filled in our TCP checksums (the PMD offers it, and nothing captures or impairs TX).</summary>
    public bool TcpChecksumOffload;
    public string Peer = "";
    public long Bytes;
    public long BytesEchoed;
    public double Seconds;
    public bool Intact;
    public long MismatchAt = -1;
    public string Error = "";
    public long LoopAllocatedBytes;
    public int Gen0Collections;
    public LongHistogram? Rtt;
    public string Impairment = "";
    public string? Pcap;
    public long PcapRecords;
    /// <summary>The connection's state when tcpcheck exits (after --linger).</summary>
    public string FinalState = "";
    public double LingerSeconds;
    /// <summary>The connection the transfer ran on, if one was made (not printed: its state is).</summary>
    public TcpConnection? Connection;

    public string ToJson(TcpCounters tcp, NetCounters net, ImpairmentCounters rx, ImpairmentCounters tx)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("mode", Mode);
            w.WriteString("port", Port);
            w.WriteBoolean("tcp_checksum_offload", TcpChecksumOffload);
            w.WriteString("peer", Peer);
            w.WriteNumber("bytes", Bytes);
            w.WriteNumber("bytes_echoed", BytesEchoed);
            w.WriteNumber("seconds", Math.Round(Seconds, 6));
            w.WriteNumber("throughput_mbit_s", Seconds > 0 ? Math.Round((Bytes + BytesEchoed) * 8 / Seconds / 1e6, 1) : 0);
            w.WriteBoolean("intact", Intact);
            if (MismatchAt >= 0)
                w.WriteNumber("mismatch_at", MismatchAt);
            if (Error.Length > 0)
                w.WriteString("error", Error);
            w.WriteNumber("retransmits", tcp.Retransmits);
            w.WriteNumber("fast_retransmits", tcp.FastRetransmits);
            w.WriteNumber("sack_recoveries", tcp.SackRecoveries);
            w.WriteNumber("newreno_recoveries", tcp.NewRenoRecoveries);
            w.WriteNumber("rto_expiries", tcp.RtoExpiries);
            w.WriteNumber("tail_loss_probes", tcp.TailLossProbes);
            w.WriteNumber("duplicate_acks", tcp.DuplicateAcks);
            w.WriteNumber("challenge_acks", tcp.ChallengeAcks);
            w.WriteNumber("checksum_failures", tcp.ChecksumFailures + net.Ipv4BadChecksum);
            w.WriteNumber("out_of_order_segments", tcp.OutOfOrderSegments);
            w.WriteNumber("out_of_window_segments", tcp.OutOfWindowSegments);
            w.WriteNumber("segments_sent", tcp.SegmentsSent);
            w.WriteNumber("segments_received", tcp.SegmentsReceived);
            w.WriteNumber("resets_sent", tcp.ResetsSent);
            w.WriteNumber("resets_received", tcp.ResetsReceived);
            w.WriteNumber("no_connection_segments", tcp.NoConnection);
            w.WriteNumber("arp_requests_sent", net.ArpRequestsSent);
            w.WriteNumber("arp_queue_replaced", net.ArpQueueReplaced);
            w.WriteNumber("arp_queue_dropped", net.ArpQueueDropped);
            w.WriteNumber("icmp_echo_requests", net.IcmpEchoRequests);
            w.WriteNumber("ipv4_fragments_received", net.Ipv4FragmentsReceived);
            w.WriteNumber("ipv4_reassembled", net.Ipv4Reassembled);
            w.WriteNumber("ipv4_fragments_dropped", net.Ipv4FragmentsDropped);
            w.WriteNumber("tx_too_large", net.TxTooLarge);
            if (FinalState.Length > 0)
                w.WriteString("final_state", FinalState);
            w.WriteNumber("linger_seconds", LingerSeconds);
            w.WriteNumber("loop_allocated_bytes", LoopAllocatedBytes);
            w.WriteNumber("gen0_collections", Gen0Collections);
            if (Impairment.Length > 0)
            {
                w.WriteString("impairment", Impairment);
                w.WriteStartObject("impaired");
                WriteImpairment(w, "rx", rx);
                WriteImpairment(w, "tx", tx);
                w.WriteEndObject();
            }
            if (Pcap is not null)
            {
                w.WriteString("pcap", Pcap);
                w.WriteNumber("pcap_records", PcapRecords);
            }
            RttJson.Write(w, Rtt);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteImpairment(Utf8JsonWriter w, string name, ImpairmentCounters c)
    {
        w.WriteStartObject(name);
        w.WriteNumber("dropped", c.Dropped);
        w.WriteNumber("link_down", c.LinkDown);
        w.WriteNumber("duplicated", c.Duplicated);
        w.WriteNumber("reordered", c.Reordered);
        w.WriteNumber("corrupted", c.Corrupted);
        w.WriteNumber("delayed", c.Delayed);
        w.WriteEndObject();
    }
}
