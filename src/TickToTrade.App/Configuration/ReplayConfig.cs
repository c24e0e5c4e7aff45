namespace TickToTrade.App.Configuration;

/// <summary>The capture the main job replays through DPDK's net_pcap PMD.</summary>
public sealed class ReplayConfig
{
    /// <summary>Path of the pcap to replay, relative to the working directory.</summary>
    public string Pcap { get; set; } = "";

    /// <summary>net_pcap signals no end of file: the replay ends after this long with no frame.</summary>
    public int IdleMilliseconds { get; set; } = 200;
}
