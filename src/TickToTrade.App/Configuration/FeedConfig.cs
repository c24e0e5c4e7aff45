namespace TickToTrade.App.Configuration;

/// <summary>Which datagrams are the market-data feed.</summary>
public sealed class FeedConfig
{
    /// <summary>"group:port" of each line (A, B) and of the unicast port retransmissions arrive on.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>Verify IPv4 header and UDP checksums (turn off only when the NIC verifies them).</summary>
    public bool VerifyChecksums { get; set; } = true;
}
