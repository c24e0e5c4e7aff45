namespace TickToTrade.PacketIO.Dpdk;

/// <summary>What DPDK reports about a port (rte_eth_dev_info + MAC), decoded off the hot path.</summary>
public sealed record PortInfo(
    ushort PortId,
    string Name,
    string Driver,
    string Mac,
    int SocketId,
    int MaxRxQueues,
    int MaxTxQueues,
    uint MaxRxPacketLength,
    uint MinMtu,
    uint MaxMtu,
    uint IfIndex,
    ulong RxOffloadCapabilities,
    ulong TxOffloadCapabilities,
    IReadOnlyList<string> RxOffloads,
    IReadOnlyList<string> TxOffloads);
