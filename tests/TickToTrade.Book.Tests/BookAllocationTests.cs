using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book.Tests;

/// <summary>
/// Building the book allocates no managed memory. This thread's counter is the
/// exact measure of the loop; `ttt-bench book` (NativeAOT, one thread) reports the
/// process-wide GC.GetTotalAllocatedBytes delta for the 50M-message run.
/// </summary>
public sealed class BookAllocationTests
{
    private sealed class DayInMemory : IMessageWriter
    {
        public readonly MemoryStream Bytes = new();

        public void Write(ReadOnlySpan<byte> message, ulong timestamp, bool startsBurst)
        {
            Bytes.WriteByte((byte)(message.Length >> 8));
            Bytes.WriteByte((byte)message.Length);
            Bytes.Write(message);
        }

        public void Finish()
        {
        }

        public void Dispose()
        {
        }
    }

    [Fact]
    public void OneMillionMessages_TwiceOver_AllocateNothing()
    {
        var day = new DayInMemory();
        FeedGenerator.Run(new GeneratorOptions { Symbols = 1000, Messages = 1_000_000, Seed = 8 }, day);
        byte[] bytes = day.Bytes.ToArray();
        using var book = new OrderBook(new BookOptions { MaxOrders = 1 << 20, MaxSymbols = 1000, Levels = 1024 });
        var updater = BookUpdater.Create(book);

        Apply(bytes, ref updater); // warm-up: every method on the path compiled once
        book.Clear();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int gen0 = GC.CollectionCount(0);
        long applied = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            book.Clear();
            applied += Apply(bytes, ref updater);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before; // read before any assertion: xunit's asserts allocate
        Assert.Equal(2_000_000, applied);
        Assert.Equal(0, allocated);
        Assert.Equal(0, GC.CollectionCount(0) - gen0);
        Assert.Equal(0, book.Counters.UnknownOrders + book.Counters.DegradedSymbols + book.Counters.Overfills);
    }

    private static long Apply(byte[] bytes, ref BookUpdater<NoBookListener> updater)
    {
        long n = 0;
        for (int o = 0; o < bytes.Length;)
        {
            int length = bytes[o] << 8 | bytes[o + 1];
            if (ItchDispatcher.Dispatch(bytes.AsSpan(o + 2, length), ref updater) == ItchStatus.Ok)
                n++;
            o += 2 + length;
        }
        return n;
    }
}
