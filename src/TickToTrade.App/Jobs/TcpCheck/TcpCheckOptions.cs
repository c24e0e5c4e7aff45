using TickToTrade.Net.Impair;
using TickToTrade.Net.Tcp;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.App.Jobs.TcpCheck;

/// <summary>What `ttt tcpcheck` was asked to do.</summary>
public sealed record TcpCheckOptions
{
    public required string EalArgs { get; init; }
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
