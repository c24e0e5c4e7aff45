namespace TickToTrade.PacketIO.Dpdk;

/// <summary>Link state as rte_eth_link_get_nowait reports it.</summary>
public readonly record struct LinkStatus(bool Up, uint SpeedMbps, bool FullDuplex, bool Autoneg)
{
    public override string ToString() =>
        Up ? $"up {SpeedMbps} Mb/s {(FullDuplex ? "full" : "half")}-duplex" : "down";
}
