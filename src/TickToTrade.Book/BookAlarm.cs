namespace TickToTrade.Book;

/// <summary>Why a symbol was degraded; recorded on the hot path, logged off it.</summary>
public readonly record struct BookAlarm(ushort Locate, BookAlarmKind Kind, ulong Timestamp)
{
    public override string ToString() => Kind switch
    {
        BookAlarmKind.OrderStoreFull => $"ALARM: locate {Locate} degraded: the order store is full; its book is incomplete and will not be traded",
        BookAlarmKind.LevelsFull => $"ALARM: locate {Locate} degraded: the price level pool is full (Book.Levels, --levels); its book is incomplete and will not be traded",
        BookAlarmKind.DuplicateReference => $"ALARM: locate {Locate} degraded: an add repeated a live order reference; its book is incomplete and will not be traded",
        _ => $"ALARM: locate {Locate}: {Kind}",
    };
}
