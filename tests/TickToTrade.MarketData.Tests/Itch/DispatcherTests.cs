using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Messages;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.MarketData.Tests.Itch;

public sealed class DispatcherTests
{
    /// <summary>Records which handler method ran, and one field of each add/delete.</summary>
    private struct Recorder : IItchHandler
    {
        public List<string> Calls;
        public void OnSystemEvent(SystemEventMessage m) => Calls.Add("S" + (char)m.EventCode);
        public void OnStockDirectory(StockDirectoryMessage m) => Calls.Add("R");
        public void OnStockTradingAction(StockTradingActionMessage m) => Calls.Add("H");
        public void OnRegShoRestriction(RegShoRestrictionMessage m) => Calls.Add("Y");
        public void OnMarketParticipantPosition(MarketParticipantPositionMessage m) => Calls.Add("L");
        public void OnMwcbDeclineLevel(MwcbDeclineLevelMessage m) => Calls.Add("V");
        public void OnMwcbStatus(MwcbStatusMessage m) => Calls.Add("W");
        public void OnIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateMessage m) => Calls.Add("K");
        public void OnLuldAuctionCollar(LuldAuctionCollarMessage m) => Calls.Add("J");
        public void OnOperationalHalt(OperationalHaltMessage m) => Calls.Add("h");
        public void OnAddOrder(AddOrderMessage m) => Calls.Add("A" + m.OrderReference);
        public void OnAddOrderWithMpid(AddOrderWithMpidMessage m) => Calls.Add("F");
        public void OnOrderExecuted(OrderExecutedMessage m) => Calls.Add("E");
        public void OnOrderExecutedWithPrice(OrderExecutedWithPriceMessage m) => Calls.Add("C");
        public void OnOrderCancel(OrderCancelMessage m) => Calls.Add("X");
        public void OnOrderDelete(OrderDeleteMessage m) => Calls.Add("D" + m.OrderReference);
        public void OnOrderReplace(OrderReplaceMessage m) => Calls.Add("U");
        public void OnTrade(TradeMessage m) => Calls.Add("P");
        public void OnCrossTrade(CrossTradeMessage m) => Calls.Add("Q");
        public void OnBrokenTrade(BrokenTradeMessage m) => Calls.Add("B");
        public void OnNetOrderImbalance(NetOrderImbalanceMessage m) => Calls.Add("I");
        public void OnRetailPriceImprovement(RetailPriceImprovementMessage m) => Calls.Add("N");
        public void OnDirectListingCapitalRaise(DirectListingCapitalRaiseMessage m) => Calls.Add("O");
    }

    [Fact]
    public void EveryType_ReachesItsOwnMethod()
    {
        var h = new Recorder { Calls = [] };
        foreach (byte type in ItchMessageLengths.Types)
        {
            var m = new byte[ItchMessageLengths.Of(type)];
            m[0] = type;
            Assert.Equal(ItchStatus.Ok, ItchDispatcher.Dispatch(m, ref h));
        }
        Assert.Equal(["S\0", "R", "H", "Y", "L", "V", "W", "K", "J", "h", "A0", "F", "E", "C", "X", "D0", "U", "P", "Q", "B", "I", "N", "O"], h.Calls);
    }

    [Fact]
    public void UnknownWrongLengthAndEmpty_AreRefusedBeforeAnyRead()
    {
        var h = new Recorder { Calls = [] };
        Assert.Equal(ItchStatus.Empty, ItchDispatcher.Dispatch(ReadOnlySpan<byte>.Empty, ref h));
        Assert.Equal(ItchStatus.UnknownType, ItchDispatcher.Dispatch("Z123"u8, ref h));
        var add = new byte[35];
        add[0] = (byte)'A';
        Assert.Equal(ItchStatus.WrongLength, ItchDispatcher.Dispatch(add, ref h));
        Assert.Equal(ItchStatus.WrongLength, ItchDispatcher.Dispatch(new byte[37] { (byte)'A', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, ref h));
        Assert.Empty(h.Calls);
    }

    [Fact]
    public void DispatchedView_ReadsTheSameFieldsAsTheRepr()
    {
        var repr = new AddOrderRepr(new StockLocate(7), 1, 34_200_000_000_000, new OrderRef(42), (byte)'S', 300, Symbol.FromString("MSFT"), new Price4(3_251_500));
        var bytes = new byte[AddOrderRepr.Length];
        repr.Emit(bytes);
        var h = new Recorder { Calls = [] };
        Assert.Equal(ItchStatus.Ok, ItchDispatcher.Dispatch(bytes, ref h));
        Assert.Equal(["A42"], h.Calls);
        Assert.True(AddOrderRepr.TryParse(bytes, out AddOrderRepr back));
        Assert.Equal(repr, back);
        Assert.Equal("325.1500", back.Price.ToString());
        Assert.Equal("MSFT", back.Stock.ToString());
    }
}
