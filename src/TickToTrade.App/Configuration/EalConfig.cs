namespace TickToTrade.App.Configuration;

/// <summary>DPDK EAL start-up settings.</summary>
public sealed class EalConfig
{
    /// <summary>EAL arguments; memory flags are added by EalMemory when absent.</summary>
    public string Args { get; set; } = "--no-pci --no-telemetry --in-memory -l 0";

    /// <summary>Mbufs in the port's mempool (2^n - 1 suits the ring best).</summary>
    public uint MempoolSize { get; set; } = 8191;
}
