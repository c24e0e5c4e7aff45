using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Messages;

namespace TickToTrade.Book;

/// <summary>
/// The ITCH handler that keeps an <see cref="OrderBook"/>: order events change
/// the levels, state messages change the symbol's state. A struct, so the
/// dispatcher's calls are direct.
/// </summary>
public readonly struct BookUpdater(OrderBook book) : IItchHandler, IPrefetcher
{
    public OrderBook Book => book;

    /// <summary>Fetches what a coming message will touch: its order's slot and its symbol's top levels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ReadOnlySpan<byte> ahead) => book.Prefetch(ahead);

    public void OnSystemEvent(SystemEventMessage m)
    {
    }

    public void OnStockDirectory(StockDirectoryMessage m)
    {
        ushort locate = m.StockLocate.Value;
        if (locate == 0 || locate > book.MaxSymbols)
            return;
        ref SymbolState s = ref book.Symbol(locate);
        s.Stock = m.Stock.Value;
        s.RoundLotSize = m.RoundLotSize;
    }

    public void OnStockTradingAction(StockTradingActionMessage m)
    {
        if (InRange(m.StockLocate.Value))
            book.Symbol(m.StockLocate.Value).TradingState = m.TradingState;
    }

    public void OnRegShoRestriction(RegShoRestrictionMessage m)
    {
        if (InRange(m.StockLocate.Value))
            book.Symbol(m.StockLocate.Value).RegShoAction = m.RegShoAction;
    }

    public void OnMarketParticipantPosition(MarketParticipantPositionMessage m) =>
        book.ApplyParticipantPosition(m.StockLocate.Value, m.Mpid.Value, m.PrimaryMarketMaker, m.MarketParticipantState);

    public void OnMwcbDeclineLevel(MwcbDeclineLevelMessage m) =>
        book.ApplyMwcbDeclineLevels(m.Level1.Value, m.Level2.Value, m.Level3.Value);

    public void OnMwcbStatus(MwcbStatusMessage m) => book.ApplyMwcbBreach(m.Timestamp, m.BreachedLevel);

    public void OnIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateMessage m)
    {
        if (InRange(m.StockLocate.Value))
            book.Symbol(m.StockLocate.Value).IpoPrice = m.IpoPrice.Value;
    }

    public void OnLuldAuctionCollar(LuldAuctionCollarMessage m)
    {
        if (!InRange(m.StockLocate.Value))
            return;
        ref SymbolState s = ref book.Symbol(m.StockLocate.Value);
        s.LuldUpperPrice = m.UpperAuctionCollarPrice.Value;
        s.LuldLowerPrice = m.LowerAuctionCollarPrice.Value;
    }

    public void OnOperationalHalt(OperationalHaltMessage m)
    {
        if (InRange(m.StockLocate.Value) && m.MarketCode == (byte)'Q')
            book.Symbol(m.StockLocate.Value).OperationalHalt = m.OperationalHaltAction;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnAddOrder(AddOrderMessage m) =>
        book.ApplyAdd(m.StockLocate.Value, m.Timestamp, m.OrderReference.Value, m.Side, m.Shares, m.Price.Value);

    public void OnAddOrderWithMpid(AddOrderWithMpidMessage m) =>
        book.ApplyAdd(m.StockLocate.Value, m.Timestamp, m.OrderReference.Value, m.Side, m.Shares, m.Price.Value);

    public void OnOrderExecuted(OrderExecutedMessage m) =>
        book.ApplyExecution(m.Timestamp, m.OrderReference.Value, m.ExecutedShares, m.MatchNumber.Value, 0);

    public void OnOrderExecutedWithPrice(OrderExecutedWithPriceMessage m) =>
        book.ApplyExecution(m.Timestamp, m.OrderReference.Value, m.ExecutedShares, m.MatchNumber.Value, m.ExecutionPrice.Value, printable: m.Printable != (byte)'N');

    public void OnOrderCancel(OrderCancelMessage m) =>
        book.ApplyCancel(m.Timestamp, m.OrderReference.Value, m.CancelledShares);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnOrderDelete(OrderDeleteMessage m) =>
        book.ApplyDelete(m.Timestamp, m.OrderReference.Value);

    public void OnOrderReplace(OrderReplaceMessage m) =>
        book.ApplyReplace(m.Timestamp, m.OriginalOrderReference.Value, m.NewOrderReference.Value, m.Shares, m.Price.Value);

    public void OnTrade(TradeMessage m) =>
        book.ApplyTrade(m.StockLocate.Value, m.Timestamp, m.Shares, m.Price.Value, m.MatchNumber.Value, cross: false);

    public void OnCrossTrade(CrossTradeMessage m) =>
        book.ApplyTrade(m.StockLocate.Value, m.Timestamp, m.Shares, m.CrossPrice.Value, m.MatchNumber.Value, cross: true);

    public void OnBrokenTrade(BrokenTradeMessage m) => book.ApplyBrokenTrade(m.Timestamp);

    public void OnNetOrderImbalance(NetOrderImbalanceMessage m)
    {
        if (!InRange(m.StockLocate.Value))
            return;
        ref SymbolState s = ref book.Symbol(m.StockLocate.Value);
        s.ImbalanceShares = m.ImbalanceShares;
        s.ImbalanceDirection = m.ImbalanceDirection;
    }

    public void OnRetailPriceImprovement(RetailPriceImprovementMessage m)
    {
    }

    public void OnDirectListingCapitalRaise(DirectListingCapitalRaiseMessage m)
    {
    }

    private bool InRange(ushort locate) => locate != 0 && locate <= book.MaxSymbols;
}
