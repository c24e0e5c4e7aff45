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

    /// <summary>A listener that reads what it is told, as a strategy would: counts changes by kind and touch moves.</summary>
    private struct TallyListener : IBookListener
    {
        public long Messages, Levels, Trades, States, Nothing, TouchMoves;

        public void OnBookChange(OrderBook book, in BookChange change)
        {
            Messages++;
            if (change.Kind == BookChangeKind.None)
                Nothing++;
            if ((change.Kind & BookChangeKind.Level) != 0)
                Levels++;
            if ((change.Kind & BookChangeKind.Trade) != 0)
                Trades++;
            if ((change.Kind & BookChangeKind.State) != 0)
                States++;
            if (change.TouchMoved && book.CanTrade(change.Locate))
                TouchMoves++;
        }
    }

    [Fact]
    public void OneMillionMessages_TwiceOver_WithAListener_AllocateNothing()
    {
        var day = new DayInMemory();
        FeedGenerator.Run(new GeneratorOptions { Symbols = 1000, Messages = 1_000_000, Seed = 8, Profile = GeneratorProfile.Realistic, References = ReferenceNumbering.Random64, MaxLocate = 65_535 }, day);
        byte[] bytes = day.Bytes.ToArray();
        using var book = new OrderBook(new BookOptions { MaxOrders = 1 << 20, Levels = 1 << 20 });
        var updater = BookUpdater.Create(book, new TallyListener());

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
        TallyListener t = updater.Listener;
        Assert.Equal(3 * 1_000_000, t.Messages); // told of every message: the warm-up and two passes
        Assert.True(t.Levels > 2_000_000 && t.Trades > 0 && t.Nothing > 0 && t.TouchMoves > 0, $"{t.Levels} {t.Trades} {t.Nothing} {t.TouchMoves}");
        Assert.Equal(3 * 2 * 1000, t.States); // a directory entry and a trading action per symbol, three times
    }

    private static long Apply(byte[] bytes, ref BookUpdater<TallyListener> updater)
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
