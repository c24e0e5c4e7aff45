using CsCheck;

namespace TickToTrade.Book.Tests;

/// <summary>The prefetch hint reads hostile bytes without throwing and changes nothing.</summary>
public sealed class BookPrefetchTests
{
    [Fact]
    public void AnyBytes_AnyLength_NeitherThrowNorChangeTheBook()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 4, LevelsPerSide = 8 });
        book.ApplyAdd(2, 0, 7, (byte)'B', 100, 1_000_000);
        BookCounters before = book.Counters;
        TopOfBook top = book.Top(2);
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            book.Prefetch(bytes);
            Assert.Equal(1, book.Orders.Count);
            Assert.Equal(top, book.Top(2));
            Assert.Equal(before, book.Counters);
        }, iter: 20_000, threads: 1);
    }
}
