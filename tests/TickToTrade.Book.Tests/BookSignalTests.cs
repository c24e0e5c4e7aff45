using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book.Tests;

public sealed class BookSignalTests
{
    [Fact]
    public void ImbalanceAndMicroprice_FollowTheTopSizes()
    {
        var t = new TopOfBook(new PriceLevel { Price = 1_000_000, Shares = 300, Orders = 1 }, new PriceLevel { Price = 1_000_100, Shares = 100, Orders = 1 });
        Assert.Equal(0.5, t.Imbalance, 12);
        // (100.00 × 100 + 100.01 × 300) / 400 = 100.0075
        Assert.Equal(1_000_075, t.Microprice, 6);
        Assert.Equal(0, new TopOfBook(default, t.Ask).Microprice);
    }

    [Fact]
    public void Change_SaysWhichSideAndLevel_AndWhetherTheTouchMoved()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, Levels = 1024 });
        book.ApplyAdd(1, 10, 1, (byte)'B', 100, 1_000_000);
        Assert.Equal(((ushort)1, Side.Bid, 0, true, true), (book.LastChange.Locate.Value, book.LastChange.Side, book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyAdd(1, 11, 2, (byte)'B', 100, 999_900);
        Assert.Equal((1, false, false), (book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyAdd(1, 12, 3, (byte)'B', 50, 1_000_000);
        Assert.Equal((0, false, true), (book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyAdd(1, 13, 4, (byte)'S', 10, 1_000_200);
        Assert.Equal((Side.Ask, 0, true), (book.LastChange.Side, book.LastChange.Level, book.LastChange.TouchMoved));
        book.ApplyReplace(14, 4, 5, 10, 1_000_200); // same price, same size: level 0 changed hands, but the touch's price, size and count did not
        Assert.Equal((BookChangeKind.Level, 0, false, false), (book.LastChange.Kind, book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyReplace(14, 5, 6, 10, 1_000_300); // the only ask moves up a tick
        Assert.True(book.LastChange.TouchMoved);
        book.ApplyDelete(14, 2); // a level below the touch
        Assert.Equal((1, false, false), (book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyCancel(14, 3, 20); // part of the best bid: the touch changes size, not price
        Assert.Equal((0, false, true), (book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyTrade(new StockLocate(1), 14, 77, new Price4(1_000_100), new MatchNumber(5), cross: false);
        Assert.True(book.LastChange.Traded);
        Assert.Equal((1_000_100u, 77UL), (book.Symbol(1).LastTradePrice, book.Symbol(1).LastTradeShares));
        Assert.Equal(14UL, book.LastChange.Timestamp);
    }
}
