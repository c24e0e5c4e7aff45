namespace TickToTrade.Book;

/// <summary>What kind of change a message made; <see cref="None"/> when it changed nothing (the counters say why).</summary>
[Flags]
public enum BookChangeKind : byte
{
    None = 0,
    /// <summary>A price level of one side changed (see <see cref="BookChange.Side"/>, <see cref="BookChange.Level"/>).</summary>
    Level = 1,
    /// <summary>A print: the symbol's last trade changed.</summary>
    Trade = 2,
    /// <summary>A symbol's or the market's state changed (see <see cref="BookChange.State"/>).</summary>
    State = 4,
}
