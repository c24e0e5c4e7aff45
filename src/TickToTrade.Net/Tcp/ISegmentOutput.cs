using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// Where a connection writes the segments it sends: the stack hands out room in
/// a TX frame (after the Ethernet and IPv4 headers it fills in) and queues the
/// frame when the segment is finished. One segment at a time.
/// </summary>
public interface ISegmentOutput
{
    /// <summary>
    /// Room for a TCP segment of exactly <paramref name="length"/> bytes to
    /// <paramref name="remote"/>, or false when no buffer is free (the caller counts it
    /// and tries again on a later poll; retransmission covers the loss).
    /// </summary>
    bool TryBeginSegment(Ipv4Address remote, int length, out Span<byte> segment);

    /// <summary>Queues the segment begun last.</summary>
    void EndSegment();

    /// <summary>Frees the segment begun last without sending it.</summary>
    void AbortSegment();

    /// <summary>True when the port computes TCP checksums (only the pseudo-header sum is written).</summary>
    bool ChecksumOffload { get; }

    /// <summary>RFC 5961 §7: asks for one challenge ACK; false when the per-second budget is spent.</summary>
    bool TryTakeChallengeAck(long now);
}
