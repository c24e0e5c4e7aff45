using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Feed;

namespace TickToTrade.MarketData.Inspection;

/// <summary>The result of inspecting a capture: counts by type, by session, and every drop.</summary>
public sealed record CaptureSummary(
    CaptureFormat Format,
    long Packets,
    long Messages,
    IReadOnlyList<(char Type, long Count)> ByType,
    IReadOnlyList<SessionSummary> Sessions,
    long Gaps,
    long Duplicates,
    long Malformed,
    long TruncatedRecords,
    FeedCounters Counters);
