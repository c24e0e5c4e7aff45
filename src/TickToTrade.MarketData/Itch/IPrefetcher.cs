namespace TickToTrade.MarketData.Itch;

/// <summary>A handler that can start fetching what the next message will touch (see IMoldMessageSink.Prefetch).</summary>
public interface IPrefetcher
{
    /// <summary>A hint about the next message; must not change state.</summary>
    void Prefetch(ReadOnlySpan<byte> nextMessage);
}
