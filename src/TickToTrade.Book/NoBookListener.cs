namespace TickToTrade.Book;

/// <summary>A listener that ignores every change (for building a book with no strategy on it).</summary>
public struct NoBookListener : IBookListener
{
    public readonly void OnBookChange(OrderBook book, in BookChange change)
    {
    }
}
