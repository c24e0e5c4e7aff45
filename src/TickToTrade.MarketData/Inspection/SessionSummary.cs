using TickToTrade.MarketData.MoldUdp64;

namespace TickToTrade.MarketData.Inspection;

/// <summary>What one MoldUDP64 session in a capture looked like.</summary>
public sealed record SessionSummary(MoldSession Session, ulong FirstSequence, ulong NextSequence, long Packets, long Messages, long Gaps, long Duplicates);
