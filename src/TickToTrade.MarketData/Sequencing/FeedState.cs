namespace TickToTrade.MarketData.Sequencing;

/// <summary>Whether the book built from the feed can be trusted.</summary>
public enum FeedState : byte
{
    /// <summary>Every message up to the last one seen has been applied, in order.</summary>
    Live = 0,
    /// <summary>A gap is open: the strategy must not send orders until it is filled.</summary>
    Stale = 1,
}
