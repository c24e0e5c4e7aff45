namespace TickToTrade.Book.Tests;

/// <summary>When a capacity runs out: the symbol is degraded, counted and alarmed; nothing crashes; others trade on.</summary>
public sealed class CapacityTests
{
    [Fact]
    public void FullOrderStore_DegradesTheSymbol()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 16, MaxSymbols = 4, LevelsPerSide = 8 });
        for (ulong r = 1; r <= 16; r++)
            book.ApplyAdd(2, 0, r, (byte)'B', 100, 1_000_000);
        Assert.Equal(16, book.Orders.Count);
        Assert.True(book.IsTradable(2));
        book.ApplyAdd(2, 5, 17, (byte)'B', 100, 1_000_000);
        Assert.Equal(1, book.Counters.OrderStoreFull);
        Assert.False(book.IsTradable(2));
        Assert.True(book.IsTradable(1));
        Assert.Equal(1, book.Counters.DegradedSymbols);
        Assert.True(book.Alarms.TryTake(out BookAlarm alarm));
        Assert.Equal(new BookAlarm(2, BookAlarmKind.OrderStoreFull, 5), alarm);
        Assert.StartsWith("ALARM: locate 2 degraded", alarm.ToString());
        // The book keeps working: a delete frees room for another symbol's add.
        book.ApplyDelete(0, 1);
        book.ApplyAdd(3, 0, 18, (byte)'S', 10, 1_000_100);
        Assert.Equal(10UL, book.Top(3).Ask.Shares);
    }

    [Fact]
    public void FullLevels_DegradeTheSymbol_AndTheOrderIsNotKept()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 2 });
        book.ApplyAdd(1, 0, 1, (byte)'S', 100, 1_000_100);
        book.ApplyAdd(1, 0, 2, (byte)'S', 100, 1_000_200);
        book.ApplyAdd(1, 0, 3, (byte)'S', 100, 1_000_100); // same level: fine
        book.ApplyAdd(1, 0, 4, (byte)'S', 100, 1_000_300); // a third level: no room
        Assert.Equal(1, book.Counters.LevelsFull);
        Assert.False(book.IsTradable(1));
        Assert.Equal(3, book.Orders.Count);
        book.ApplyDelete(0, 4);
        Assert.Equal(1, book.Counters.UnknownOrders);
        book.ApplyAdd(1, 0, 5, (byte)'S', 100, 1_000_400);
        Assert.Equal(1, book.Counters.DegradedSymbols); // alarmed once
    }

    [Fact]
    public void ReferenceBeyondTheStore_DegradesTheSymbol_AndIsNotAliased()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 4 });
        book.ApplyAdd(1, 0, 7, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(2, 9, (1UL << 47) + 7, (byte)'S', 50, 1_000_100);
        Assert.Equal(1, book.Counters.ReferenceOutOfRange);
        Assert.False(book.IsTradable(2));
        Assert.True(book.IsTradable(1));
        Assert.True(book.Alarms.TryTake(out BookAlarm alarm));
        Assert.Equal(new BookAlarm(2, BookAlarmKind.ReferenceOutOfRange, 9), alarm);
        book.ApplyDelete(0, (1UL << 47) + 7); // must not reach order 7, which shares its low bits
        Assert.Equal(1, book.Counters.UnknownOrders);
        Assert.Equal(100UL, book.Top(1).Bid.Shares);
    }

    [Fact]
    public void LocateBeyondCapacity_IsCounted_NotStored()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 2 });
        book.ApplyAdd(3, 0, 1, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(0, 0, 2, (byte)'B', 100, 1_000_000);
        Assert.Equal(2, book.Counters.SymbolOutOfRange);
        Assert.Equal(0, book.Orders.Count);
        Assert.False(book.IsTradable(3));
    }

    [Fact]
    public void DuplicateReference_AndOverfill_AreCounted()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 4 });
        book.ApplyAdd(1, 0, 9, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(1, 0, 9, (byte)'B', 100, 1_000_000);
        Assert.Equal(1, book.Counters.DuplicateOrders);
        Assert.Equal(100UL, book.Top(1).Bid.Shares);
        book.ApplyExecution(0, 9, 500, 1, 0);
        Assert.Equal(1, book.Counters.Overfills);
        Assert.False(book.Top(1).HasBid);
        Assert.Equal(0, book.Orders.Count);
    }

    [Fact]
    public void ReferenceZero_InEveryEvent_IsUnknown_AndCorruptsNothing()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 4 });
        book.ApplyAdd(1, 0, 5, (byte)'B', 100, 1_000_000);
        book.ApplyDelete(0, 5);
        book.ApplyAdd(1, 0, 6, (byte)'S', 200, 1_000_100);
        book.ApplyDelete(0, 0);
        book.ApplyExecution(0, 0, 10, 1, 0);
        book.ApplyCancel(0, 0, 10);
        book.ApplyReplace(0, 0, 7, 10, 1_000_000);
        Assert.Equal(4, book.Counters.UnknownOrders);
        Assert.Equal(1, book.Orders.Count);
        Assert.Equal((1_000_100u, 200UL, 1u), (book.Top(1).Ask.Price, book.Top(1).Ask.Shares, book.Top(1).Ask.Orders));
        Assert.False(book.Top(1).HasBid);
    }

    [Fact]
    public void NonPrintableExecution_ChangesTheBook_NotTheLastTrade()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, LevelsPerSide = 4 });
        book.ApplyAdd(1, 0, 5, (byte)'B', 100, 1_000_000);
        book.ApplyExecution(1, 5, 40, 9, 1_000_500, printable: false);
        Assert.Equal(60UL, book.Top(1).Bid.Shares);
        Assert.Equal(0u, book.Symbol(1).LastTradePrice);
        Assert.False(book.LastChange.Traded);
        book.ApplyExecution(2, 5, 10, 10, 1_000_500, printable: true);
        Assert.Equal((1_000_500u, 10UL), (book.Symbol(1).LastTradePrice, book.Symbol(1).LastTradeShares));
    }
}
