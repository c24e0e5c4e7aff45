using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>Receives each message in sequence order, exactly once.</summary>
public interface IMoldMessageSink
{
    /// <summary>Handles message number <paramref name="sequence"/>; a non-Ok status is counted by the sequencer.</summary>
    ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message);
}
