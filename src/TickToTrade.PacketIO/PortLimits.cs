namespace TickToTrade.PacketIO;

/// <summary>Fixed sizes shared by every port.</summary>
public static class PortLimits
{
    /// <summary>Largest burst one call handles; DPDK's examples use 32, the shim caps at 64.</summary>
    public const int MaxBurst = 64;

    /// <summary>Bytes kept free before a TX frame so lower layers can prepend headers (RTE_PKTMBUF_HEADROOM).</summary>
    public const int Headroom = 128;

    /// <summary>Data room of one buffer after the headroom: a full 1518-byte VLAN frame fits, jumbo frames do not.</summary>
    public const int DataRoom = 2048;
}
