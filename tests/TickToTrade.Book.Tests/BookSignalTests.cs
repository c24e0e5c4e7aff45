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
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 8 });
        book.ApplyAdd(1, 10, 1, (byte)'B', 100, 1_000_000);
        Assert.Equal((1, Side.Bid, 0, true, true), (book.LastChange.Locate, book.LastChange.Side, book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyAdd(1, 11, 2, (byte)'B', 100, 999_900);
        Assert.Equal((1, false, false), (book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyAdd(1, 12, 3, (byte)'B', 50, 1_000_000);
        Assert.Equal((0, false, true), (book.LastChange.Level, book.LastChange.TouchMoved, book.LastChange.TouchChanged));
        book.ApplyAdd(1, 13, 4, (byte)'S', 10, 1_000_200);
        Assert.Equal((Side.Ask, 0, true), (book.LastChange.Side, book.LastChange.Level, book.LastChange.TouchMoved));
        book.ApplyTrade(1, 14, 77, 1_000_100, 5, cross: false);
        Assert.True(book.LastChange.Traded);
        Assert.Equal((1_000_100u, 77UL), (book.Symbol(1).LastTradePrice, book.Symbol(1).LastTradeShares));
        Assert.Equal(14UL, book.LastChange.Timestamp);
    }
}
