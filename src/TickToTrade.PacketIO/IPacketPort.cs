namespace TickToTrade.PacketIO;

/// <summary>
/// A device that lends frames: DPDK (<see cref="Dpdk.DpdkPort"/>), the in-memory
/// pair (<see cref="Memory.MemoryPort"/>), or a wrapper around either.
/// Implementations are structs and callers take them as
/// <c>where TPort : struct, IPacketPort</c>, so the poll loop is devirtualised.
/// A port value is a handle: copies share the same queues, pool and counters.
/// No method allocates managed memory or throws on the data path.
/// </summary>
public interface IPacketPort
{
    /// <summary>
    /// Receives up to <c>frames.Length</c> (at most <see cref="PortLimits.MaxBurst"/>)
    /// frames. The caller owns each until it transmits or frees it.
    /// </summary>
    int Receive(Span<PacketBuffer> frames);

    /// <summary>
    /// Takes <c>frames.Length</c> empty TX buffers from the pool, all or none.
    /// Returns the count, or 0 when the pool is exhausted (counted).
    /// </summary>
    int Allocate(Span<PacketBuffer> frames);

    /// <summary>
    /// Queues frames for transmission, in order. Returns how many the device took;
    /// ownership of those passes to the device. The rest stay the caller's (the
    /// shortfall is counted as TX ring full).
    /// </summary>
    int Transmit(Span<PacketBuffer> frames);

    /// <summary>Returns frames to the pool they came from.</summary>
    void Free(Span<PacketBuffer> frames);

    /// <summary>This port's counters; they live in native memory shared by all copies.</summary>
    ref PortCounters Counters { get; }

    /// <summary>
    /// True when the device fills in the TCP checksum of IPv4/TCP frames on transmit (the stack then
    /// writes only the pseudo-header sum, RFC 9293 §3.1): reported by the PMD, and false for any
    /// port whose frames are seen (captured) or changed (impaired) before the device sends them.
    /// </summary>
    bool TcpChecksumOffload { get; }
}
