namespace TickToTrade.PacketIO.Dpdk;

/// <summary>The RTE_ETH_TX_OFFLOAD_* bits we use (rte_ethdev.h, DPDK 22.11).</summary>
public static class TxOffloads
{
    public const ulong Ipv4Checksum = 1UL << 1;
    public const ulong UdpChecksum = 1UL << 2;
    public const ulong TcpChecksum = 1UL << 3;
    public const ulong MultiSegments = 1UL << 15;
}
