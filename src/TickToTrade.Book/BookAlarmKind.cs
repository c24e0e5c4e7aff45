namespace TickToTrade.Book;

/// <summary>The capacity that ran out.</summary>
public enum BookAlarmKind : byte
{
    OrderStoreFull,
    LevelsFull,
    DuplicateReference,
}
