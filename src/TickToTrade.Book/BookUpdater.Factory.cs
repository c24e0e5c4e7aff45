namespace TickToTrade.Book;

/// <summary>Makes <see cref="BookUpdater{TListener}"/>s.</summary>
public static class BookUpdater
{
    /// <summary>An updater with no listener: the book alone.</summary>
    public static BookUpdater<NoBookListener> Create(OrderBook book) => new(book, default);

    /// <summary>An updater that tells <paramref name="listener"/> what every message changed.</summary>
    public static BookUpdater<TListener> Create<TListener>(OrderBook book, TListener listener) where TListener : struct, IBookListener => new(book, listener);
}
