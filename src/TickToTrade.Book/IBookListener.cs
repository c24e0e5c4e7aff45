namespace TickToTrade.Book;

/// <summary>
/// Told what every applied message changed (<see cref="BookUpdater{TListener}"/>). Implement
/// it on a struct: the updater holds it by value and calls it directly, with the change passed
/// by reference, so there is no copy and no interface dispatch on the hot path.
/// </summary>
public interface IBookListener
{
    void OnBookChange(OrderBook book, in BookChange change);
}
