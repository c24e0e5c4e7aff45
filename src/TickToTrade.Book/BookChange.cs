namespace TickToTrade.Book;

/// <summary>What the last event changed: the strategy's cue to look again.</summary>
public struct BookChange
{
    /// <summary>The symbol touched; 0 when the last event changed no book (state, trades of unknown orders...).</summary>
    public ushort Locate;
    public Side Side;
    /// <summary>Depth of the changed level from the top (0 = best), or -1 when no level changed.</summary>
    public int Level;
    /// <summary>The best price or the size at the best price changed on either side.</summary>
    public bool TouchChanged;
    /// <summary>The best price itself changed on either side.</summary>
    public bool TouchMoved;
    /// <summary>The event was a trade (E, C, P or Q): the symbol's last trade changed.</summary>
    public bool Traded;
    /// <summary>ITCH timestamp of the event.</summary>
    public ulong Timestamp;
}
