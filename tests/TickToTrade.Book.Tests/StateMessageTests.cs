using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.Book.Tests;

/// <summary>
/// The messages that are not order events (§1.2 state messages, §1.5 trades, §1.7 NOII),
/// encoded from their reprs and dispatched as the engine does: each lands in the symbol's
/// or the market's state, and a value the spec does not define is counted, not stored.
/// </summary>
public sealed class StateMessageTests
{
    private const ushort Locate = 3;
    private static readonly Symbol Stock = Symbol.FromString("ZVZZT");

    private static void Apply<TRepr>(OrderBook book, TRepr repr) where TRepr : struct, IItchRepr<TRepr>
    {
        byte[] bytes = new byte[TRepr.Length];
        repr.Emit(bytes);
        var updater = BookUpdater.Create(book);
        Assert.Equal(ItchStatus.Ok, ItchDispatcher.Dispatch(bytes, ref updater));
    }

    private static OrderBook NewBook() => new(new BookOptions { MaxOrders = 64, MaxSymbols = 8, Levels = 1024 });

    [Fact]
    public void SymbolStateMessages_AreTracked()
    {
        using OrderBook book = NewBook();
        var at = new StockLocate(Locate);
        Apply(book, new StockDirectoryRepr(at, 0, 1, Stock, (byte)'Q', (byte)'N', 100, (byte)'N', (byte)'C', new Alpha2(0x5A20), (byte)'P', (byte)'N', (byte)'N', (byte)'2', (byte)'N', 0, (byte)'N'));
        Apply(book, new StockTradingActionRepr(at, 0, 2, Stock, (byte)'H', 0, Alpha4.FromString("T1")));
        Apply(book, new RegShoRestrictionRepr(at, 0, 3, Stock, (byte)'1'));
        Apply(book, new OperationalHaltRepr(at, 0, 4, Stock, (byte)'Q', (byte)'H'));
        Apply(book, new OperationalHaltRepr(at, 0, 5, Stock, (byte)'B', (byte)'T')); // BX's halt: not Nasdaq's, ignored
        Apply(book, new LuldAuctionCollarRepr(at, 0, 6, Stock, new Price4(1_000_000), new Price4(1_100_000), new Price4(900_000), 1));
        Apply(book, new IpoQuotingPeriodUpdateRepr(at, 0, 7, Stock, 36_000, (byte)'A', new Price4(250_000)));
        Apply(book, new NetOrderImbalanceRepr(at, 0, 8, 500, 1_200, (byte)'B', Stock, new Price4(1_000_100), new Price4(1_000_200), new Price4(1_000_000), (byte)'O', (byte)'L'));

        SymbolState s = book.Symbol(Locate);
        Assert.Equal((Stock.Value, 100u), (s.Stock, s.RoundLotSize));
        Assert.Equal(((byte)'H', (byte)'1', (byte)'H'), (s.TradingState, s.RegShoAction, s.OperationalHalt));
        Assert.Equal((1_100_000u, 900_000u, 250_000u), (s.LuldUpperPrice, s.LuldLowerPrice, s.IpoPrice));
        Assert.Equal((1_200UL, (byte)'B'), (s.ImbalanceShares, s.ImbalanceDirection));
        Assert.Equal(default, book.Symbol(Locate + 1)); // nothing spilled onto a neighbour
    }

    [Fact]
    public void IpoQuotingPeriod_WithLocateZero_FindsTheSymbolByItsStock()
    {
        // §1.2.6: the K message's Stock Locate is "Always set to 0"; the stock names the security.
        using OrderBook book = NewBook();
        Apply(book, new StockDirectoryRepr(new StockLocate(Locate), 0, 1, Stock, (byte)'Q', (byte)'N', 100, (byte)'N', (byte)'C', new Alpha2(0x5A20), (byte)'P', (byte)'N', (byte)'N', (byte)'2', (byte)'N', 0, (byte)'N'));
        Apply(book, new IpoQuotingPeriodUpdateRepr(new StockLocate(0), 0, 2, Stock, 36_000, (byte)'A', new Price4(250_000)));
        Assert.Equal(250_000u, book.Symbol(new StockLocate(Locate)).IpoPrice);
        Assert.Equal((BookChangeKind.State, StateChange.IpoQuotingPeriod, Locate), (book.LastChange.Kind, book.LastChange.State, book.LastChange.Locate.Value));
        Apply(book, new IpoQuotingPeriodUpdateRepr(new StockLocate(0), 0, 3, Symbol.FromString("NOPE"), 36_000, (byte)'A', new Price4(1)));
        Assert.Equal(1, book.Counters.UnknownStocks);
        Assert.Equal(0, book.Counters.SymbolOutOfRange);
        // A locate renamed by a later directory entry is found by its new name only.
        Apply(book, new StockDirectoryRepr(new StockLocate(Locate), 0, 4, Symbol.FromString("ZXZZT"), (byte)'Q', (byte)'N', 100, (byte)'N', (byte)'C', new Alpha2(0x5A20), (byte)'P', (byte)'N', (byte)'N', (byte)'2', (byte)'N', 0, (byte)'N'));
        Apply(book, new IpoQuotingPeriodUpdateRepr(new StockLocate(0), 0, 5, Stock, 36_000, (byte)'C', new Price4(7)));
        Assert.Equal(2, book.Counters.UnknownStocks);
        Apply(book, new IpoQuotingPeriodUpdateRepr(new StockLocate(0), 0, 6, Symbol.FromString("ZXZZT"), 36_000, (byte)'C', new Price4(7)));
        Assert.Equal(7u, book.Symbol(new StockLocate(Locate)).IpoPrice);
    }

    [Fact]
    public void ParticipantPosition_TracksThePrimaryMarketMaker()
    {
        using OrderBook book = NewBook();
        var at = new StockLocate(Locate);
        Alpha4 gsco = Alpha4.FromString("GSCO"), msco = Alpha4.FromString("MSCO");
        Apply(book, new MarketParticipantPositionRepr(at, 0, 1, gsco, Stock, (byte)'N', (byte)'N', (byte)'A'));
        Assert.Equal(0u, book.Symbol(Locate).PrimaryMarketMaker);
        Apply(book, new MarketParticipantPositionRepr(at, 0, 2, msco, Stock, (byte)'Y', (byte)'N', (byte)'A'));
        Assert.Equal(msco.Value, book.Symbol(Locate).PrimaryMarketMaker);
        Apply(book, new MarketParticipantPositionRepr(at, 0, 3, gsco, Stock, (byte)'N', (byte)'P', (byte)'W')); // another firm: no change
        Assert.Equal(msco.Value, book.Symbol(Locate).PrimaryMarketMaker);
        Apply(book, new MarketParticipantPositionRepr(at, 0, 4, msco, Stock, (byte)'Y', (byte)'N', (byte)'S')); // the primary is suspended
        Assert.Equal(0u, book.Symbol(Locate).PrimaryMarketMaker);
        Apply(book, new MarketParticipantPositionRepr(new StockLocate(9), 0, 5, msco, Stock, (byte)'Y', (byte)'N', (byte)'A')); // beyond MaxSymbols
        Assert.Equal(1, book.Counters.SymbolOutOfRange);
    }

    [Fact]
    public void CircuitBreakers_AreTrackedMarketWide()
    {
        using OrderBook book = NewBook();
        var market = new StockLocate(0); // §1.2.5: "Always set to 0"
        Apply(book, new MwcbDeclineLevelRepr(market, 0, 1, new Price8(3_900_00000000), new Price8(3_600_00000000), new Price8(3_300_00000000)));
        Assert.Equal((3_900_00000000UL, 3_600_00000000UL, 3_300_00000000UL, (byte)0), (book.Market.MwcbLevel1, book.Market.MwcbLevel2, book.Market.MwcbLevel3, book.Market.MwcbBreachedLevel));
        Apply(book, new MwcbStatusRepr(market, 0, 2, (byte)'2'));
        Apply(book, new MwcbStatusRepr(market, 0, 3, (byte)'1')); // a lower level later does not lower the day's breach
        Assert.Equal(((byte)'2', 3UL), (book.Market.MwcbBreachedLevel, book.Market.MwcbBreachedAt));
        Apply(book, new MwcbStatusRepr(market, 0, 4, (byte)'4')); // not a level
        Assert.Equal(((byte)'2', 1L), (book.Market.MwcbBreachedLevel, book.Counters.InvalidValues));
        book.Clear();
        Assert.Equal(default, book.Market);
    }

    [Fact]
    public void Trades_SetTheLastTrade_AndBrokenTradesAreCounted()
    {
        using OrderBook book = NewBook();
        var at = new StockLocate(Locate);
        Apply(book, new TradeRepr(at, 0, 10, new OrderRef(0), (byte)'B', 300, Stock, new Price4(1_000_500), new MatchNumber(41)));
        Assert.Equal((1_000_500u, 300UL, 41UL, 10UL), (book.Symbol(Locate).LastTradePrice, book.Symbol(Locate).LastTradeShares, book.Symbol(Locate).LastMatchNumber, book.Symbol(Locate).LastTradeTimestamp));
        Apply(book, new CrossTradeRepr(at, 0, 11, 5_000_000_000, Stock, new Price4(1_000_000), new MatchNumber(42), (byte)'C'));
        Assert.Equal((1_000_000u, 5_000_000_000UL, 42UL), (book.Symbol(Locate).LastTradePrice, book.Symbol(Locate).LastTradeShares, book.Symbol(Locate).LastMatchNumber));
        Apply(book, new BrokenTradeRepr(at, 0, 12, new MatchNumber(41)));
        Assert.Equal((1L, 1L, 1L), (book.Counters.Trades, book.Counters.CrossTrades, book.Counters.BrokenTrades));
    }
}
