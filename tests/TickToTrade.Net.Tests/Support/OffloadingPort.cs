using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Memory;

namespace TickToTrade.Net.Tests.Support;

/// <summary>The in-memory port, reporting TCP checksum offload as a NIC whose PMD offers it would.</summary>
public readonly struct OffloadingPort(MemoryPort inner) : IPacketPort
{
    private readonly MemoryPort _inner = inner;

    public int Receive(Span<PacketBuffer> frames) => _inner.Receive(frames);
    public int Allocate(Span<PacketBuffer> frames) => _inner.Allocate(frames);
    public int Transmit(Span<PacketBuffer> frames) => _inner.Transmit(frames);
    public void Free(Span<PacketBuffer> frames) => _inner.Free(frames);
    public ref PortCounters Counters => ref _inner.Counters;
    public bool TcpChecksumOffload => true;
}
