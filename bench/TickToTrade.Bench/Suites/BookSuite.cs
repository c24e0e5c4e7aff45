using TickToTrade.Bench.Measure;
using TickToTrade.Book;
using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Itch;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// Full book build on one core over a generated day held in memory (the day file
/// the parse suite generates): every message dispatched and applied to the
/// array book. Reports ns/message, messages/s, the book's native memory and the
/// process's resident memory, and the managed allocations of the timed runs.
/// </summary>
public static class BookSuite
{
    public sealed record Result(long Messages, double[] RunNanosecondsPerMessage, long BookBytes, long PeakLiveOrders, long Rss, long PeakRss, long AllocatedBytes, int Gen0, BookCounters Counters)
    {
        public double Median => Stats.Median(RunNanosecondsPerMessage);

        public override string ToString() =>
            $"book    {Messages,11:N0} msgs   median {Median,6:F2} ns/msg  {1e3 / Median,7:F1} M msgs/s   runs {RunNanosecondsPerMessage.Min():F2}..{RunNanosecondsPerMessage.Max():F2}\n" +
            $"        book memory {BookBytes / 1048576.0:F0} MiB native, RSS {Rss / 1048576.0:F0} MiB (peak {PeakRss / 1048576.0:F0} MiB), live orders at end {PeakLiveOrders:N0}, " +
            $"unknown {Counters.UnknownOrders}, degraded {Counters.DegradedSymbols}, allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    public static Result Run(string dayFile, int runs, BookOptions options)
    {
        using CaptureBytes bytes = CaptureBytes.Open(dayFile);
        var reader = new ItchDayFileReader(bytes);
        using var book = new OrderBook(options);
        var updater = new BookUpdater(book);
        long messages = Pass(reader, book, ref updater); // warm: pages in memory, code hot, every level touched
        var ns = new double[runs];
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            book.Clear();
            ulong t0 = Tsc.Now;
            long n = Pass(reader, book, ref updater);
            ns[r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
        }
        long allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
        (long rss, long peak) = ProcessMemory.Read();
        return new Result(messages, ns, book.Bytes, book.Orders.Count, rss, peak, allocated, GC.CollectionCount(0) - gen0, book.Counters);
    }

    private static long Pass(ItchDayFileReader reader, OrderBook book, ref BookUpdater updater)
    {
        reader.Rewind();
        long n = 0;
        // A window of three, as the sequencer does within a packet: message k is applied
        // while k+1's level and k+2's order slot are fetched.
        if (!reader.TryRead(out ReadOnlySpan<byte> message))
            return 0;
        bool have1 = reader.TryRead(out ReadOnlySpan<byte> next1);
        while (true)
        {
            ReadOnlySpan<byte> next2 = default;
            bool have2 = have1 && reader.TryRead(out next2);
            updater.Prefetch(next1, next2);
            ItchDispatcher.Dispatch(message, ref updater);
            n++;
            if (!have1)
                return n;
            message = next1;
            next1 = next2;
            have1 = have2;
        }
    }
}
