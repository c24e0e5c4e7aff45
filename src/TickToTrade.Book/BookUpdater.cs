using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Messages;

namespace TickToTrade.Book;

/// <summary>
/// The ITCH handler that keeps an <see cref="OrderBook"/>: order events change
/// the levels, state messages change the symbol's or the market's state. After
/// every message it tells <typeparamref name="TListener"/> what changed (a change
/// of nothing included), passing the book's <see cref="OrderBook.LastChange"/> by
/// reference. A struct held by the dispatcher by reference, with the listener a
/// field of it, so every call is direct. Fields are decoded here into the book's
/// strong types; an enumerated field the book acts on with an undefined value is
/// counted and the message dropped.
/// </summary>
public struct BookUpdater<TListener>(OrderBook book, TListener listener) : IItchHandler, IPrefetcher
    where TListener : struct, IBookListener
{
    /// <summary>The listener, which the updater owns (read its state here).</summary>
    public TListener Listener = listener;

    public readonly OrderBook Book => book;

    /// <summary>Fetches what a coming message will touch: its order's bucket and its symbol's top levels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Prefetch(ReadOnlySpan<byte> ahead) => book.Prefetch(ahead);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Notify() => Listener.OnBookChange(book, in book.LastChange);

    public void OnSystemEvent(SystemEventMessage m)
    {
        book.ApplyNothing(m.Timestamp);
        Notify();
    }

    public void OnStockDirectory(StockDirectoryMessage m)
    {
        book.ApplyDirectory(m.StockLocate, m.Timestamp, m.Stock.Value, m.RoundLotSize);
        Notify();
    }

    public void OnStockTradingAction(StockTradingActionMessage m)
    {
        book.ApplyTradingAction(m.StockLocate, m.Timestamp, m.TradingState);
        Notify();
    }

    public void OnRegShoRestriction(RegShoRestrictionMessage m)
    {
        book.ApplyRegSho(m.StockLocate, m.Timestamp, m.RegShoAction);
        Notify();
    }

    public void OnMarketParticipantPosition(MarketParticipantPositionMessage m)
    {
        book.ApplyParticipantPosition(m.StockLocate, m.Timestamp, m.Mpid.Value, m.PrimaryMarketMaker, m.MarketMakerMode, m.MarketParticipantState);
        Notify();
    }

    public void OnMwcbDeclineLevel(MwcbDeclineLevelMessage m)
    {
        book.ApplyMwcbDeclineLevels(m.Timestamp, m.Level1.Value, m.Level2.Value, m.Level3.Value);
        Notify();
    }

    public void OnMwcbStatus(MwcbStatusMessage m)
    {
        book.ApplyMwcbBreach(m.Timestamp, m.BreachedLevel);
        Notify();
    }

    public void OnIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateMessage m)
    {
        book.ApplyIpoQuotingPeriod(m.StockLocate, m.Timestamp, m.Stock.Value, m.IpoQuotationReleaseQualifier, m.IpoPrice);
        Notify();
    }

    public void OnLuldAuctionCollar(LuldAuctionCollarMessage m)
    {
        book.ApplyLuldCollar(m.StockLocate, m.Timestamp, m.UpperAuctionCollarPrice, m.LowerAuctionCollarPrice);
        Notify();
    }

    public void OnOperationalHalt(OperationalHaltMessage m)
    {
        book.ApplyOperationalHalt(m.StockLocate, m.Timestamp, m.MarketCode, m.OperationalHaltAction);
        Notify();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnAddOrder(AddOrderMessage m)
    {
        if (SideCode.TryParse(m.Side, out Side side))
            book.ApplyAdd(m.StockLocate, m.Timestamp, m.OrderReference, side, new Shares(m.Shares), m.Price);
        else
            book.DropInvalidSide(m.Timestamp);
        Notify();
    }

    public void OnAddOrderWithMpid(AddOrderWithMpidMessage m)
    {
        if (SideCode.TryParse(m.Side, out Side side))
            book.ApplyAdd(m.StockLocate, m.Timestamp, m.OrderReference, side, new Shares(m.Shares), m.Price);
        else
            book.DropInvalidSide(m.Timestamp);
        Notify();
    }

    public void OnOrderExecuted(OrderExecutedMessage m)
    {
        if (book.TracksEvent(m.StockLocate, m.Timestamp))
            book.ApplyExecution(m.Timestamp, m.OrderReference, new Shares(m.ExecutedShares), m.MatchNumber);
        Notify();
    }

    public void OnOrderExecutedWithPrice(OrderExecutedWithPriceMessage m)
    {
        // §1.4.2 Printable: 'N' non-printable, 'Y' printable; anything else is not guessed at.
        if (book.TracksEvent(m.StockLocate, m.Timestamp))
        {
            if (m.Printable is (byte)'Y' or (byte)'N')
                book.ApplyExecutionWithPrice(m.Timestamp, m.OrderReference, new Shares(m.ExecutedShares), m.MatchNumber, m.ExecutionPrice, printable: m.Printable == (byte)'Y');
            else
                book.DropInvalidPrintable(m.Timestamp);
        }
        Notify();
    }

    public void OnOrderCancel(OrderCancelMessage m)
    {
        if (book.TracksEvent(m.StockLocate, m.Timestamp))
            book.ApplyCancel(m.Timestamp, m.OrderReference, new Shares(m.CancelledShares));
        Notify();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnOrderDelete(OrderDeleteMessage m)
    {
        if (book.TracksEvent(m.StockLocate, m.Timestamp))
            book.ApplyDelete(m.Timestamp, m.OrderReference);
        Notify();
    }

    public void OnOrderReplace(OrderReplaceMessage m)
    {
        if (book.TracksEvent(m.StockLocate, m.Timestamp))
            book.ApplyReplace(m.Timestamp, m.OriginalOrderReference, m.NewOrderReference, new Shares(m.Shares), m.Price);
        Notify();
    }

    public void OnTrade(TradeMessage m)
    {
        book.ApplyTrade(m.StockLocate, m.Timestamp, m.Shares, m.Price, m.MatchNumber, cross: false);
        Notify();
    }

    public void OnCrossTrade(CrossTradeMessage m)
    {
        book.ApplyTrade(m.StockLocate, m.Timestamp, m.Shares, m.CrossPrice, m.MatchNumber, cross: true);
        Notify();
    }

    public void OnBrokenTrade(BrokenTradeMessage m)
    {
        book.ApplyBrokenTrade(m.Timestamp);
        Notify();
    }

    public void OnNetOrderImbalance(NetOrderImbalanceMessage m)
    {
        book.ApplyImbalance(m.StockLocate, m.Timestamp, m.ImbalanceShares, m.ImbalanceDirection);
        Notify();
    }

    public void OnRetailPriceImprovement(RetailPriceImprovementMessage m)
    {
        book.ApplyNothing(m.Timestamp);
        Notify();
    }

    public void OnDirectListingCapitalRaise(DirectListingCapitalRaiseMessage m)
    {
        book.ApplyNothing(m.Timestamp);
        Notify();
    }
}
