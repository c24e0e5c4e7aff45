using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// A bare RST (or RST,ACK) with no options, for a connection that aborts and for
/// a segment no connection owns (RFC 9293 §3.10.7.1); counted as sent, or as no buffer.
/// </summary>
internal static class ResetSegment
{
    public static void Send(ISegmentOutput output, TcpCounters counters, TcpEndpoint local, TcpEndpoint remote, uint seq, uint ack, TcpFlags flags)
    {
        var repr = new TcpRepr
        {
            SourcePort = local.Port,
            DestinationPort = remote.Port,
            Sequence = seq,
            Acknowledgment = ack,
            Flags = flags,
            Options = TcpOptions.None,
        };
        if (!output.TryBeginSegment(remote.Address, repr.HeaderLength, out Span<byte> segment))
        {
            counters.TxNoBuffer++;
            return;
        }
        repr.Emit(segment, local.Address, remote.Address, 0, output.ChecksumOffload);
        output.EndSegment();
        counters.ResetsSent++;
        counters.SegmentsSent++;
    }
}
