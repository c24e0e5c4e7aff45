namespace TickToTrade.PacketIO.Dpdk;

/// <summary>How to set up one port: a single RX and TX queue pair for the one poll loop.</summary>
public sealed record EthDeviceOptions
{
    /// <summary>RX descriptors asked for; DPDK may adjust to the device's limits.</summary>
    public ushort RxDescriptors { get; init; } = 1024;
    /// <summary>TX descriptors asked for; DPDK may adjust to the device's limits.</summary>
    public ushort TxDescriptors { get; init; } = 1024;
    /// <summary>Receive every frame, not only those for our MAC (market data is multicast).</summary>
    public bool Promiscuous { get; init; } = true;
    /// <summary>
    /// TX offloads wanted (e.g. <see cref="TxOffloads.TcpChecksum"/>). Only those
    /// the device reports in its capabilities are enabled (DPDK examples' rule).
    /// </summary>
    public ulong WantedTxOffloads { get; init; } = TxOffloads.TcpChecksum;
}
