using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book.Tests;

/// <summary>
/// The book's calls with the wire's raw values, for tests that write many of them:
/// each wraps the values in the book's strong types exactly as <see cref="BookUpdater{TListener}"/>
/// does (a side byte other than 'B' or 'S' is dropped and counted, an execution price of 0
/// is a plain §1.4.1 execution), so the tests read like the messages they stand for.
/// </summary>
internal static class RawBookCalls
{
    public static void ApplyAdd(this OrderBook book, ushort locate, ulong timestamp, ulong reference, byte side, uint shares, uint price)
    {
        if (SideCode.TryParse(side, out Side s))
            book.ApplyAdd(new StockLocate(locate), timestamp, new OrderRef(reference), s, new Shares(shares), new Price4(price));
        else
            book.DropInvalidSide(timestamp);
    }

    public static void ApplyExecution(this OrderBook book, ulong timestamp, ulong reference, uint shares, ulong match, uint executionPrice, bool printable = true)
    {
        if (executionPrice == 0 && printable)
            book.ApplyExecution(timestamp, new OrderRef(reference), new Shares(shares), new MatchNumber(match));
        else
            book.ApplyExecutionWithPrice(timestamp, new OrderRef(reference), new Shares(shares), new MatchNumber(match), new Price4(executionPrice), printable);
    }

    public static void ApplyCancel(this OrderBook book, ulong timestamp, ulong reference, uint shares) =>
        book.ApplyCancel(timestamp, new OrderRef(reference), new Shares(shares));

    public static void ApplyDelete(this OrderBook book, ulong timestamp, ulong reference) =>
        book.ApplyDelete(timestamp, new OrderRef(reference));

    public static void ApplyReplace(this OrderBook book, ulong timestamp, ulong original, ulong replacement, uint shares, uint price) =>
        book.ApplyReplace(timestamp, new OrderRef(original), new OrderRef(replacement), new Shares(shares), new Price4(price));

    public static TopOfBook Top(this OrderBook book, ushort locate) => book.Top(new StockLocate(locate));

    public static ref readonly SymbolState Symbol(this OrderBook book, ushort locate) => ref book.Symbol(new StockLocate(locate));

    public static int Depth(this OrderBook book, ushort locate, Side side, Span<PriceLevel> into) => book.Depth(new StockLocate(locate), side, into);

    public static bool IsTradable(this OrderBook book, ushort locate) => book.IsTradable(new StockLocate(locate));

    public static bool CanTrade(this OrderBook book, ushort locate) => book.CanTrade(new StockLocate(locate));
}
