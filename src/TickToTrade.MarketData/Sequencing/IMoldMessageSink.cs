using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>Receives each message in sequence order, exactly once.</summary>
public interface IMoldMessageSink
{
    /// <summary>Handles message number <paramref name="sequence"/>; a non-Ok status is counted by the sequencer.</summary>
    ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message);

    /// <summary>False for a sink with nothing to fetch: the sequencer then does not look ahead (a constant per sink type).</summary>
    static virtual bool Prefetches => true;

    /// <summary>
    /// A look at the two messages after the one being handled (either may be
    /// empty), so the sink can start fetching the memory they will need (an
    /// order's slot two ahead, its level one ahead) while it works on this one.
    /// A hint: it must not change any state.
    /// </summary>
    void Prefetch(ReadOnlySpan<byte> next, ReadOnlySpan<byte> afterNext);
}
