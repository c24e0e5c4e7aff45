using TickToTrade.MarketData.MoldUdp64;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// Sends a MoldUDP64 request packet to the feed's re-request server. Taken as a
/// struct generic so the sequencer's call is direct. Must not block or allocate.
/// </summary>
public interface IRetransmitRequester
{
    /// <summary>Asks for <paramref name="count"/> messages from <paramref name="sequence"/>; false if it could not be sent now (it is retried).</summary>
    bool Request(MoldSession session, ulong sequence, ushort count);
}
