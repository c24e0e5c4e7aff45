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
    /// A look at a message further on in the packet (<see cref="SequencerOptions.PrefetchDistance"/>
    /// ahead of the one handled next), so the sink can start fetching the memory it
    /// will need (an order's slot, its levels) while it works on the messages before
    /// it. A hint: it must not change any state.
    /// </summary>
    void Prefetch(ReadOnlySpan<byte> ahead);
}
