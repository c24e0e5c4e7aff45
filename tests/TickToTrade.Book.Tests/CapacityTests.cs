using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book.Tests;

/// <summary>When a capacity runs out: the symbol is degraded, counted and alarmed; nothing crashes; others trade on.</summary>
public sealed class CapacityTests
{
    [Fact]
    public void FullOrderStore_DegradesTheSymbol()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 16, MaxSymbols = 4, Levels = 1024 });
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
    public void FullLevelPool_DegradesTheSymbol_AndTheOrderIsNotKept_AndFreedLevelsServeAnother()
    {
        // A pool of 40 levels: one 8-entry chunk directory and one 32-level chunk. A side rests its
        // best 7 in its own block and 32 more from the pool.
        using var book = new OrderBook(new BookOptions { MaxOrders = 128, MaxSymbols = 2, Levels = 40 });
        for (uint k = 0; k < 39; k++)
            book.ApplyAdd(1, 0, 1 + k, (byte)'S', 100, 1_000_100 + 100 * k);
        Assert.Equal(39L, book.LevelCount(new StockLocate(1), Side.Ask));
        book.ApplyAdd(1, 0, 100, (byte)'S', 100, 1_000_100); // an existing level: fine
        book.ApplyAdd(1, 0, 101, (byte)'S', 100, 2_000_000); // a 40th level: the pool is full
        Assert.Equal(1, book.Counters.LevelsFull);
        Assert.False(book.IsTradable(1));
        Assert.Equal((BookChangeKind.State, StateChange.Degraded), (book.LastChange.Kind, book.LastChange.State));
        Assert.Equal(40, book.Orders.Count);
        book.ApplyDelete(0, 101);
        Assert.Equal(1, book.Counters.UnknownOrders);
        // The other symbol's best seven need nothing from the pool; its eighth does, and waits for room.
        for (uint k = 0; k < 8; k++)
            book.ApplyAdd(2, 0, 200 + k, (byte)'B', 100, 900_000 - 100 * k);
        Assert.Equal(2, book.Counters.LevelsFull);
        for (uint k = 7; k < 39; k++)
            book.ApplyDelete(0, 1 + k); // symbol 1's deep levels go; it keeps its empty chunk while it stays deep-ish
        Assert.Equal(40, book.LevelPoolUsed);
        book.ApplyDelete(0, 100); // the second order at the best level
        for (uint k = 0; k < 4; k++)
            book.ApplyDelete(0, 1 + k); // down to three levels: its kept blocks go back to the pool
        Assert.Equal(0, book.LevelPoolUsed);
        book.ApplyAdd(2, 0, 300, (byte)'B', 100, 800_000);
        Assert.Equal(8L, book.LevelCount(new StockLocate(2), Side.Bid));
        Assert.Equal(2, book.Counters.DegradedSymbols); // each alarmed once
    }

    [Fact]
    public void OneSymbolTenThousandLevelsDeep_AmongThousandsOfOrdinarySymbols_IsExactWithTheDefaults()
    {
        using var book = new OrderBook();
        ulong reference = 1;
        // 5000 ordinary symbols, 20 levels a side each, over the whole locate range.
        for (int s = 0; s < 5000; s++)
        {
            ushort locate = (ushort)(1 + s * 13);
            for (uint k = 0; k < 20; k++)
            {
                book.ApplyAdd(locate, 0, reference++, (byte)'B', 100, 1_000_000 - 100 * k);
                book.ApplyAdd(locate, 0, reference++, (byte)'S', 100, 1_000_100 + 100 * k);
            }
        }
        // One symbol rests 10,000 bid levels and 10,000 ask levels, added in a shuffled order.
        const ushort deep = 65_535;
        var ticks = Enumerable.Range(0, 10_000).ToArray();
        new Random(5).Shuffle(ticks);
        foreach (int k in ticks)
        {
            book.ApplyAdd(deep, 0, reference++, (byte)'B', (uint)(100 + k), (uint)(50_000_000 - 100 * k));
            book.ApplyAdd(deep, 0, reference++, (byte)'S', (uint)(100 + k), (uint)(50_000_100 + 100 * k));
        }
        Assert.Equal(0, book.Counters.LevelsFull + book.Counters.OrderStoreFull + book.Counters.DegradedSymbols);
        Assert.Equal(10_000L, book.LevelCount(new StockLocate(deep), Side.Bid));
        var levels = new PriceLevel[10_001];
        Assert.Equal(10_000, book.Depth(deep, Side.Bid, levels));
        Assert.Equal(10_000, book.Depth(deep, Side.Ask, levels));
        for (int k = 0; k < 10_000; k++)
            Assert.Equal((50_000_100u + 100u * (uint)k, 100UL + (ulong)k, 1u), (levels[k].Price, levels[k].Shares, levels[k].Orders));
        Assert.True(book.IsTradable(deep));
        Assert.Equal((1_000_000u, 1_000_100u), (book.Top(1 + 4999 * 13).Bid.Price, book.Top(1 + 4999 * 13).Ask.Price));
        Assert.Equal(20L, book.LevelCount(new StockLocate(1 + 4999 * 13), Side.Ask));
    }

    [Fact]
    public void LocateBeyondCapacity_IsCounted_NotStored()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, Levels = 1024 });
        book.ApplyAdd(3, 0, 1, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(0, 0, 2, (byte)'B', 100, 1_000_000);
        Assert.Equal(2, book.Counters.SymbolOutOfRange);
        Assert.Equal(0, book.Orders.Count);
        Assert.False(book.IsTradable(3));
    }

    [Fact]
    public void DuplicateReference_AndOverfill_AreCounted()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, Levels = 1024 });
        book.ApplyAdd(1, 0, 9, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(1, 0, 9, (byte)'B', 100, 1_000_000);
        Assert.Equal(1, book.Counters.DuplicateOrders);
        Assert.False(book.IsTradable(1)); // the feed repeated a live reference: this book is suspect
        Assert.Equal(100UL, book.Top(1).Bid.Shares);
        book.ApplyExecution(0, 9, 500, 1, 0);
        Assert.Equal(1, book.Counters.Overfills);
        Assert.False(book.Top(1).HasBid);
        Assert.Equal(0, book.Orders.Count);
    }

    [Fact]
    public void ReferenceZeroAndTheLargest_AreOrdersLikeAnyOther()
    {
        // §1.3: the Order Reference Number is an 8-byte integer, so 0 and 2^64 - 1 are legal references.
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, Levels = 1024 });
        book.ApplyAdd(1, 0, 0, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(1, 0, ulong.MaxValue, (byte)'S', 200, 1_000_100);
        book.ApplyAdd(1, 0, 0, (byte)'B', 100, 1_000_000); // a duplicate of a live 0
        Assert.Equal(1, book.Counters.DuplicateOrders);
        book.ApplyExecution(0, 0, 10, 1, 0);
        book.ApplyCancel(0, ulong.MaxValue, 50);
        Assert.Equal((90UL, 150UL), (book.Top(1).Bid.Shares, book.Top(1).Ask.Shares));
        book.ApplyReplace(0, 0, ulong.MaxValue - 1, 10, 999_900);
        Assert.Equal((999_900u, 10UL), (book.Top(1).Bid.Price, book.Top(1).Bid.Shares));
        book.ApplyDelete(0, ulong.MaxValue);
        book.ApplyDelete(0, 0); // replaced: gone
        Assert.Equal(1, book.Counters.UnknownOrders);
        Assert.Equal(1, book.Orders.Count);
        Assert.False(book.Top(1).HasAsk);
    }

    [Fact]
    public void ADuplicateReference_DegradesBothSymbols()
    {
        // Later events for reference 2 could be meant for either order, so neither book can be trusted.
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 3, Levels = 64 });
        book.ApplyAdd(1, 0, 1, (byte)'B', 100, 1_000_000);
        book.ApplyAdd(2, 0, 2, (byte)'S', 100, 2_000_000);
        book.ApplyReplace(0, 1, 2, 50, 1_000_100); // the replacement repeats locate 2's live reference
        Assert.Equal(1, book.Counters.DuplicateOrders);
        Assert.False(book.IsTradable(1));
        Assert.False(book.IsTradable(2));
        Assert.True(book.IsTradable(3));
        Assert.Equal(2, book.Counters.DegradedSymbols);
        Assert.True(book.Alarms.TryTake(out BookAlarm alarm));
        Assert.Equal(BookAlarmKind.DuplicateReference, alarm.Kind);
    }

    [Fact]
    public void OneSide_FillsTheWholePool_WhenNothingElseUsesIt()
    {
        // A pool of 104 levels: an 8-entry directory and three 32-level chunks, all for one side.
        using var book = new OrderBook(new BookOptions { MaxOrders = 256, MaxSymbols = 2, Levels = 104 });
        for (uint k = 0; k < 103; k++)
            book.ApplyAdd(1, 0, k, (byte)'S', 100, 1_000_000 + 100 * k);
        Assert.Equal(0, book.Counters.LevelsFull);
        Assert.Equal(103L, book.LevelCount(new StockLocate(1), Side.Ask));
        Assert.Equal(104, book.LevelPoolUsed);
        book.ApplyAdd(1, 0, 500, (byte)'S', 100, 999_900); // a new best level pushes the worst top level down: no room
        Assert.Equal(1, book.Counters.LevelsFull);
        Assert.Equal(1_000_000u, book.Top(1).Ask.Price); // the side is as it was
        Assert.Equal(103L, book.LevelCount(new StockLocate(1), Side.Ask));
        var levels = new PriceLevel[104];
        Assert.Equal(103, book.Depth(1, Side.Ask, levels));
        for (int k = 0; k < 103; k++)
            Assert.Equal(1_000_000u + 100u * (uint)k, levels[k].Price);
    }

    [Fact]
    public void NonPrintableExecution_ChangesTheBook_NotTheLastTrade()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, Levels = 1024 });
        book.ApplyAdd(1, 0, 5, (byte)'B', 100, 1_000_000);
        book.ApplyExecution(1, 5, 40, 9, 1_000_500, printable: false);
        Assert.Equal(60UL, book.Top(1).Bid.Shares);
        Assert.Equal(0u, book.Symbol(1).LastTradePrice);
        Assert.False(book.LastChange.Traded);
        book.ApplyExecution(2, 5, 10, 10, 1_000_500, printable: true);
        Assert.Equal((1_000_500u, 10UL), (book.Symbol(1).LastTradePrice, book.Symbol(1).LastTradeShares));
    }
}
