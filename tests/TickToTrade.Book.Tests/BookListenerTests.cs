using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.Book.Tests;

/// <summary>The update stream: after every dispatched message the listener is told what it changed, and a message that changed nothing says so.</summary>
public sealed class BookListenerTests
{
    private static readonly Symbol Stock = Symbol.FromString("ZVZZT");

    /// <summary>Keeps every change it is told (a test listener: it may allocate).</summary>
    private struct Recorder(List<BookChange> changes) : IBookListener
    {
        public readonly void OnBookChange(OrderBook book, in BookChange change) => changes.Add(change);
    }

    private static BookChange Send<TRepr>(ref BookUpdater<Recorder> updater, List<BookChange> seen, TRepr repr) where TRepr : struct, IItchRepr<TRepr>
    {
        byte[] bytes = new byte[TRepr.Length];
        repr.Emit(bytes);
        int before = seen.Count;
        Assert.Equal(ItchStatus.Ok, ItchDispatcher.Dispatch(bytes, ref updater));
        Assert.Equal(before + 1, seen.Count); // exactly one change per message
        return seen[^1];
    }

    [Fact]
    public void EveryMessage_TellsTheListenerWhatChanged_AndNothingStaleIsLeft()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 70, Levels = 64 });
        var seen = new List<BookChange>();
        var u = BookUpdater.Create(book, new Recorder(seen));
        var at = new StockLocate(65);

        BookChange c = Send(ref u, seen, new AddOrderRepr(at, 0, 10, new OrderRef(ulong.MaxValue), (byte)'B', 100, Stock, new Price4(1_000_000)));
        Assert.Equal((BookChangeKind.Level, at, Side.Bid, 0, true, true, 10UL), (c.Kind, c.Locate, c.Side, c.Level, c.TouchChanged, c.TouchMoved, c.Timestamp));

        c = Send(ref u, seen, new AddOrderRepr(at, 0, 11, new OrderRef(2), (byte)'S', 50, Stock, new Price4(1_000_200)));
        Assert.Equal((BookChangeKind.Level, Side.Ask, 0, true), (c.Kind, c.Side, c.Level, c.TouchMoved));

        c = Send(ref u, seen, new AddOrderRepr(at, 0, 12, new OrderRef(3), (byte)'S', 50, Stock, new Price4(1_000_300)));
        Assert.Equal((BookChangeKind.Level, Side.Ask, 1, false, false), (c.Kind, c.Side, c.Level, c.TouchChanged, c.TouchMoved));

        // A delete of an unknown order changes nothing: no level, no side, no locate left from the add before it.
        c = Send(ref u, seen, new OrderDeleteRepr(at, 0, 13, new OrderRef(999)));
        Assert.Equal(BookChange.Nothing(13), c);

        c = Send(ref u, seen, new OrderExecutedRepr(at, 0, 14, new OrderRef(ulong.MaxValue), 40, new MatchNumber(7)));
        Assert.Equal((BookChangeKind.Level | BookChangeKind.Trade, at, Side.Bid, 0, true, false), (c.Kind, c.Locate, c.Side, c.Level, c.TouchChanged, c.TouchMoved));

        c = Send(ref u, seen, new OrderExecutedWithPriceRepr(at, 0, 15, new OrderRef(ulong.MaxValue), 10, new MatchNumber(8), (byte)'N', new Price4(999_900)));
        Assert.Equal(BookChangeKind.Level, c.Kind); // non-printable: the book changed, nothing printed

        c = Send(ref u, seen, new TradeRepr(at, 0, 16, new OrderRef(0), (byte)'B', 300, Stock, new Price4(1_000_100), new MatchNumber(9)));
        Assert.Equal((BookChangeKind.Trade, at, -1), (c.Kind, c.Locate, c.Level));

        c = Send(ref u, seen, new StockTradingActionRepr(at, 0, 17, Stock, (byte)'H', 0, Alpha4.FromString("LUDP")));
        Assert.Equal((BookChangeKind.State, StateChange.TradingAction, at), (c.Kind, c.State, c.Locate));
        Assert.False(book.CanTrade(at));
        c = Send(ref u, seen, new StockTradingActionRepr(at, 0, 18, Stock, (byte)'T', 0, Alpha4.FromString("")));
        Assert.True(book.CanTrade(at));

        c = Send(ref u, seen, new OperationalHaltRepr(at, 0, 19, Stock, (byte)'Q', (byte)'H'));
        Assert.Equal((BookChangeKind.State, StateChange.OperationalHalt), (c.Kind, c.State));
        Assert.False(book.CanTrade(at));
        Send(ref u, seen, new OperationalHaltRepr(at, 0, 20, Stock, (byte)'Q', (byte)'T'));
        Assert.True(book.CanTrade(at));

        c = Send(ref u, seen, new LuldAuctionCollarRepr(at, 0, 21, Stock, new Price4(1_000_000), new Price4(1_100_000), new Price4(900_000), 1));
        Assert.Equal((BookChangeKind.State, StateChange.LuldAuctionCollar), (c.Kind, c.State));

        c = Send(ref u, seen, new RegShoRestrictionRepr(at, 0, 22, Stock, (byte)'1'));
        Assert.Equal((BookChangeKind.State, StateChange.ShortSaleTest), (c.Kind, c.State));

        c = Send(ref u, seen, new MwcbStatusRepr(new StockLocate(0), 0, 23, (byte)'1'));
        Assert.Equal((BookChangeKind.State, StateChange.MarketWideCircuitBreaker, (ushort)0), (c.Kind, c.State, c.Locate.Value));
        Assert.True(book.CanTrade(at)); // a level 1 breach halts through per-symbol H messages; level 3 ends the day
        Send(ref u, seen, new MwcbStatusRepr(new StockLocate(0), 0, 24, (byte)'3'));
        Assert.False(book.CanTrade(at));

        c = Send(ref u, seen, new SystemEventRepr(new StockLocate(0), 0, 25, (byte)'M'));
        Assert.Equal(BookChange.Nothing(25), c);

        c = Send(ref u, seen, new AddOrderRepr(at, 0, 26, new OrderRef(4), (byte)'X', 100, Stock, new Price4(1_000_000))); // no such side
        Assert.Equal(BookChange.Nothing(26), c);
        Assert.Equal(1, book.Counters.InvalidSides);
    }

    [Fact]
    public void CanTrade_NeedsATrackedCompleteSymbolInTradingState()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 4, Levels = 40 });
        var at = new StockLocate(2);
        Assert.False(book.CanTrade(at)); // before the feed has said it trades
        book.ApplyTradingAction(at, 1, (byte)'T');
        Assert.True(book.CanTrade(at));
        foreach (byte state in "HPQ"u8.ToArray())
        {
            book.ApplyTradingAction(at, 2, state);
            Assert.False(book.CanTrade(at));
        }
        book.ApplyTradingAction(at, 3, (byte)'T');
        for (uint k = 0; k < 40; k++) // 7 top levels + 32 from the pool, then no room: degraded
            book.ApplyAdd(at, 4, new OrderRef(k), Side.Ask, new Shares(1), new Price4(1_000_000 + 100 * k));
        Assert.True(book.Symbol(at).Degraded);
        Assert.False(book.CanTrade(at));
        Assert.False(book.CanTrade(new StockLocate(0)));
        Assert.False(book.CanTrade(new StockLocate(5)));
    }
}
