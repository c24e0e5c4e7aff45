namespace TickToTrade.MarketData.Itch;

/// <summary>A handler that can start fetching what the coming messages will touch (see IMoldMessageSink.Prefetch).</summary>
public interface IPrefetcher
{
    /// <summary>False for a handler with nothing to fetch: callers then skip looking ahead at all.</summary>
    static virtual bool Prefetches => true;

    /// <summary>A hint about a message that will be handled soon, a few messages from now; must not change state.</summary>
    void Prefetch(ReadOnlySpan<byte> ahead);
}
