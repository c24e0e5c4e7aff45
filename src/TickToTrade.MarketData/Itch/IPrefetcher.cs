namespace TickToTrade.MarketData.Itch;

/// <summary>A handler that can start fetching what the coming messages will touch (see IMoldMessageSink.Prefetch).</summary>
public interface IPrefetcher
{
    /// <summary>A hint about the next two messages (either may be empty); must not change state.</summary>
    void Prefetch(ReadOnlySpan<byte> next, ReadOnlySpan<byte> afterNext);
}
