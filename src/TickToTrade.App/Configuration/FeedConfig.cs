namespace TickToTrade.App.Configuration;

/// <summary>Which datagrams are the market-data feed.</summary>
public sealed class FeedConfig
{
    /// <summary>"group:port" of each line (A, B) and of the unicast port retransmissions arrive on.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>Only accept datagrams from this publisher address (e.g. "206.200.127.138"); empty: any.</summary>
    public string Source { get; set; } = "";

    /// <summary>The MoldUDP64 session to follow (e.g. "000010059B"); empty: the first one seen.</summary>
    public string Session { get; set; } = "";

    /// <summary>Verify IPv4 header and UDP checksums (turn off only when the NIC verifies them).</summary>
    public bool VerifyChecksums { get; set; } = true;
}
