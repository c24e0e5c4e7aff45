using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Messages;
using TickToTrade.MarketData.Itch.Normalized;

namespace TickToTrade.MarketData.Tests.Itch;

/// <summary>
/// The expected <see cref="ItchEvent"/>, built field by field through the typed
/// views: an independent reference for the shuffle masks.
/// </summary>
internal struct ViewEventBuilder : IItchHandler
{
    public ItchEvent Event;

    private void Header(byte type, StockLocate locate, ushort tracking, ulong timestamp)
    {
        Event = default;
        Event.Type = type;
        Event.StockLocate = locate.Value;
        Event.TrackingNumber = tracking;
        Event.Timestamp = timestamp;
    }

    public void OnSystemEvent(SystemEventMessage m) => Header((byte)'S', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnStockDirectory(StockDirectoryMessage m) => Header((byte)'R', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnStockTradingAction(StockTradingActionMessage m) => Header((byte)'H', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnRegShoRestriction(RegShoRestrictionMessage m) => Header((byte)'Y', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnMarketParticipantPosition(MarketParticipantPositionMessage m) => Header((byte)'L', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnMwcbDeclineLevel(MwcbDeclineLevelMessage m) => Header((byte)'V', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnMwcbStatus(MwcbStatusMessage m) => Header((byte)'W', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateMessage m) => Header((byte)'K', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnLuldAuctionCollar(LuldAuctionCollarMessage m) => Header((byte)'J', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnOperationalHalt(OperationalHaltMessage m) => Header((byte)'h', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnCrossTrade(CrossTradeMessage m) => Header((byte)'Q', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnNetOrderImbalance(NetOrderImbalanceMessage m) => Header((byte)'I', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnRetailPriceImprovement(RetailPriceImprovementMessage m) => Header((byte)'N', m.StockLocate, m.TrackingNumber, m.Timestamp);
    public void OnDirectListingCapitalRaise(DirectListingCapitalRaiseMessage m) => Header((byte)'O', m.StockLocate, m.TrackingNumber, m.Timestamp);

    public void OnAddOrder(AddOrderMessage m)
    {
        Header((byte)'A', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Side, Event.Shares, Event.Stock, Event.Price) = (m.OrderReference.Value, m.Side, m.Shares, m.Stock.Value, m.Price.Value);
    }

    public void OnAddOrderWithMpid(AddOrderWithMpidMessage m)
    {
        Header((byte)'F', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Side, Event.Shares, Event.Stock, Event.Price) = (m.OrderReference.Value, m.Side, m.Shares, m.Stock.Value, m.Price.Value);
        Event.Attribution = m.Attribution.Value;
    }

    public void OnOrderExecuted(OrderExecutedMessage m)
    {
        Header((byte)'E', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Shares, Event.Aux) = (m.OrderReference.Value, m.ExecutedShares, m.MatchNumber.Value);
    }

    public void OnOrderExecutedWithPrice(OrderExecutedWithPriceMessage m)
    {
        Header((byte)'C', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Shares, Event.Aux) = (m.OrderReference.Value, m.ExecutedShares, m.MatchNumber.Value);
        (Event.Printable, Event.Price) = (m.Printable, m.ExecutionPrice.Value);
    }

    public void OnOrderCancel(OrderCancelMessage m)
    {
        Header((byte)'X', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Shares) = (m.OrderReference.Value, m.CancelledShares);
    }

    public void OnOrderDelete(OrderDeleteMessage m)
    {
        Header((byte)'D', m.StockLocate, m.TrackingNumber, m.Timestamp);
        Event.OrderReference = m.OrderReference.Value;
    }

    public void OnOrderReplace(OrderReplaceMessage m)
    {
        Header((byte)'U', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Aux, Event.Shares, Event.Price) = (m.OriginalOrderReference.Value, m.NewOrderReference.Value, m.Shares, m.Price.Value);
    }

    public void OnTrade(TradeMessage m)
    {
        Header((byte)'P', m.StockLocate, m.TrackingNumber, m.Timestamp);
        (Event.OrderReference, Event.Side, Event.Shares, Event.Stock, Event.Price) = (m.OrderReference.Value, m.Side, m.Shares, m.Stock.Value, m.Price.Value);
        Event.Aux = m.MatchNumber.Value;
    }

    public void OnBrokenTrade(BrokenTradeMessage m)
    {
        Header((byte)'B', m.StockLocate, m.TrackingNumber, m.Timestamp);
        Event.Aux = m.MatchNumber.Value;
    }
}
