using TickToTrade.Net.Impair;
using TickToTrade.Net.Tcp;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.App.Jobs.TcpCheck;

/// <summary>What `ttt tcpcheck` was asked to do.</summary>
public sealed record TcpCheckOptions
{
    /// <summary>EAL arguments naming one DPDK port; null when <see cref="Tap"/> or <see cref="Shm"/> names our own port instead.</summary>
    public string? EalArgs { get; init; }
    /// <summary>A tap interface to open with our own tap-fd port (no DPDK).</summary>
    public string? Tap { get; init; }
    /// <summary>A shared-memory link file (our own ring port, no DPDK), and which side this is (0 creates it).</summary>
    public string? Shm { get; init; }
    public int ShmSide { get; init; }
    /// <summary>Our MAC on a tap or shared-memory port (a DPDK port has its own).</summary>
    public MacAddress Mac { get; init; } = new(0x02_00_00_00_00_02);
    public required Ipv4Address Local { get; init; }
    public required int PrefixLength { get; init; }
    public TcpEndpoint Peer { get; init; }
    public long Bytes { get; init; }
    public ulong Seed { get; init; }
    public Impairment Impairment { get; init; } = Impairment.None;
    public string? Pcap { get; init; }
    public bool Listen { get; init; }
    public ushort ListenPort { get; init; } = 9000;
    public int RttCount { get; init; }
    /// <summary>Seconds to keep polling after the transfer and close (TIME-WAIT, RSTs for closed connections, ARP, ping).</summary>
    public double LingerSeconds { get; init; }
    public double TimeoutSeconds { get; init; } = 120;
    public double ConnectSeconds { get; init; } = 20;
    /// <summary>The stack's TCP settings (buffers, options offered, delayed ACK, Nagle, RTO floor, congestion control).</summary>
    public TcpConfig Tcp { get; init; } = new() { TimeWait = 1_000_000_000 };
}
