namespace TickToTrade.Book;

/// <summary>Book side, as an index (bids 0, asks 1).</summary>
public enum Side : byte
{
    Bid = 0,
    Ask = 1,
}
