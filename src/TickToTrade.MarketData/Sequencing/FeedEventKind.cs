namespace TickToTrade.MarketData.Sequencing;

/// <summary>What a <see cref="FeedEvent"/> reports.</summary>
public enum FeedEventKind : byte
{
    GapDetected,
    RetransmitRequested,
    GapRecovered,
    /// <summary>A gap stayed open past the configured recovery time.</summary>
    RecoveryAlarm,
}
