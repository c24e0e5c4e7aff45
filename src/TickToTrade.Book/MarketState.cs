namespace TickToTrade.Book;

/// <summary>What the feed says about the whole market rather than one stock: the market-wide circuit breakers.</summary>
public struct MarketState
{
    /// <summary>§1.2.5.1 MWCB Decline Level: the day's three breach points, Price (8) (1/100,000,000 dollar); 0 before the message.</summary>
    public ulong MwcbLevel1;
    public ulong MwcbLevel2;
    public ulong MwcbLevel3;

    /// <summary>§1.2.5.2 MWCB Status: the highest level breached today, '1', '2' or '3'; 0 if none.</summary>
    public byte MwcbBreachedLevel;

    /// <summary>When the last breach was announced (ITCH timestamp); 0 if none.</summary>
    public ulong MwcbBreachedAt;
}
