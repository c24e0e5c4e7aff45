using TickToTrade.MarketData.MoldUdp64;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>For captures and tests that cannot ask for anything: every request "fails" and is only counted.</summary>
public struct NoRetransmitRequester : IRetransmitRequester
{
    public readonly bool Request(MoldSession session, ulong sequence, ushort count) => false;
}
