namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// A gap or recovery, recorded by the poll loop into <see cref="Diagnostics.EventRing{T}"/>
/// and logged later, off the hot path. Plain values: recording one allocates nothing.
/// </summary>
public readonly record struct FeedEvent(FeedEventKind Kind, ulong Sequence, ulong Count, ulong At)
{
    public override string ToString() => Kind switch
    {
        FeedEventKind.GapDetected => $"gap: expected sequence {Sequence}, missing {Count} message(s); feed is stale",
        FeedEventKind.RetransmitRequested => $"retransmission requested: sequence {Sequence}, count {Count}",
        FeedEventKind.GapRecovered => $"recovered: applied through sequence {Sequence - 1} after {Count} clock units; feed is live",
        FeedEventKind.RecoveryAlarm => $"ALARM: gap at sequence {Sequence} not recovered after {Count} clock units",
        _ => Kind.ToString(),
    };
}
