using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book;

/// <summary>
/// What one applied message changed: the strategy's cue to look again. The book
/// writes a whole new value for every message it applies, so nothing from an earlier
/// message is left in it; a message that changed nothing has <see cref="Kind"/> None. (A
/// message the dispatcher refuses, for an unknown type or a wrong length, never reaches the
/// book: its listener is not called, and this still holds the previous message's change.)
/// </summary>
public struct BookChange
{
    public BookChangeKind Kind;
    /// <summary>The symbol touched; 0 when the message concerned no symbol the book tracks.</summary>
    public StockLocate Locate;
    /// <summary>The side whose level changed (with <see cref="BookChangeKind.Level"/>).</summary>
    public Side Side;
    /// <summary>Depth of the changed level from the top (0 = best), or -1 when no level changed.</summary>
    public int Level;
    /// <summary>The best price or the size at the best price changed on that side.</summary>
    public bool TouchChanged;
    /// <summary>The best price itself changed on that side.</summary>
    public bool TouchMoved;
    /// <summary>Which state changed (with <see cref="BookChangeKind.State"/>).</summary>
    public StateChange State;
    /// <summary>ITCH timestamp of the message (nanoseconds since midnight).</summary>
    public ulong Timestamp;

    /// <summary>The message was a print (E or C printable, P, Q).</summary>
    public readonly bool Traded => (Kind & BookChangeKind.Trade) != 0;

    /// <summary>Nothing changed: <see cref="Kind"/> None, level -1.</summary>
    public static BookChange Nothing(ulong timestamp) => new() { Level = -1, Timestamp = timestamp };
}
