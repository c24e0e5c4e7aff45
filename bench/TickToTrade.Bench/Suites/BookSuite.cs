using TickToTrade.Bench.Measure;
using TickToTrade.Book;
using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Itch;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// Full book build on one core over several generated days held in memory on 2 MB
/// pages (profiles and reference numberings: see <see cref="BookDay"/>), all into one
/// book with the same capacities, timed interleaved run by run (day A, day B, ...,
/// A, B, ...) so the machine's slow spells fall on every day alike and the ratios
/// between days come from one run. Each run also times a floor pass over each day:
/// read, dispatched, every field read (<see cref="ItchDigestHandler"/>), no book; the
/// book's own cost is the difference. Reports ns/message, messages/s, the book's
/// native memory, the day's peak live orders and level-pool use, the order store's
/// probe lengths at the end of the day, and the managed allocations of all timed runs.
/// </summary>
public static class BookSuite
{
    public sealed record DayResult(BookDay Day, long Messages, double[] RunNanosecondsPerMessage, double[] FloorRunNanosecondsPerMessage,
        long PeakLiveOrders, long LevelPoolPeak, ProbeLengths EndOfDayProbes, BookCounters Counters)
    {
        public double Median => Stats.Median(RunNanosecondsPerMessage);

        public double FloorMedian => Stats.Median(FloorRunNanosecondsPerMessage);

        public override string ToString() =>
            $"book {Day.Name,-19} {Messages,11:N0} msgs   median {Median,6:F2} ns/msg  {1e3 / Median,6:F1} M msgs/s   runs {RunNanosecondsPerMessage.Min():F2}..{RunNanosecondsPerMessage.Max():F2}   " +
            $"floor {FloorMedian:F2} (book adds {Median - FloorMedian:F2})\n" +
            $"        peak live orders {PeakLiveOrders:N0}, level pool peak {LevelPoolPeak:N0}, end-of-day probes mean {EndOfDayProbes.Mean:F3} p99 {EndOfDayProbes.P99} max {EndOfDayProbes.Max} over {EndOfDayProbes.Orders:N0} orders; " +
            $"unknown {Counters.UnknownOrders}, levels_full {Counters.LevelsFull}, store_full {Counters.OrderStoreFull}, degraded {Counters.DegradedSymbols}";
    }

    public sealed record Result(IReadOnlyList<DayResult> Days, long BookBytes, int MaxOrders, long Levels, long Rss, long PeakRss, long AllocatedBytes, int Gen0)
    {
        public override string ToString() =>
            $"        book memory {BookBytes / 1048576.0:F0} MiB native ({BookBytes:N0} bytes: order store for {MaxOrders:N0} orders, level pool of {Levels:N0}), " +
            $"RSS {Rss / 1048576.0:F0} MiB (peak {PeakRss / 1048576.0:F0} MiB, the days in memory included), allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    /// <summary>Times <paramref name="runs"/> interleaved passes over every day at prefetch distance <paramref name="distance"/>.</summary>
    public static Result Run(IReadOnlyList<(BookDay Day, string Path)> days, int runs, BookOptions options, int distance)
    {
        if (distance is < 0 or > 64)
            throw new ArgumentOutOfRangeException(nameof(distance), distance, "a prefetch distance is 0..64 messages");
        foreach ((BookDay _, string path) in days)
            if (new FileInfo(path).Length > int.MaxValue)
                throw new InvalidOperationException($"{path} is over 2 GiB: the book pass holds a day file as one span; ask for fewer messages");
        using var book = new OrderBook(options); // first, so the book's tables get the reserved hugepages if the days cannot have them all
        var loaded = new CaptureBytes[days.Count];
        try
        {
            for (int d = 0; d < days.Count; d++)
                loaded[d] = CaptureBytes.Load(days[d].Path); // read into memory on 2 MB pages: a mapped day file measured twice the floor's time
            var updater = BookUpdater.Create(book);
            var digest = default(ItchDigestHandler);
            var messages = new long[days.Count];
            var peaks = new long[days.Count];
            var poolPeaks = new long[days.Count];
            var probes = new ProbeLengths[days.Count];
            var counters = new BookCounters[days.Count];
            for (int d = 0; d < days.Count; d++)
            {
                // Warm: pages in memory, code hot, every level touched; and what the day reaches.
                book.Clear();
                messages[d] = Pass(Span(loaded[d]), distance, ref updater);
                peaks[d] = book.Orders.Peak;
                poolPeaks[d] = book.LevelPoolPeak;
                probes[d] = book.Orders.ProbeLengths();
                counters[d] = book.Counters;
            }
            var ns = new double[days.Count][];
            var floor = new double[days.Count][];
            for (int d = 0; d < days.Count; d++)
            {
                ns[d] = new double[runs];
                floor[d] = new double[runs];
            }
            long alloc0 = GC.GetTotalAllocatedBytes(true);
            int gen0 = GC.CollectionCount(0);
            for (int r = 0; r < runs; r++)
            {
                for (int d = 0; d < days.Count; d++)
                {
                    book.Clear();
                    ReadOnlySpan<byte> all = Span(loaded[d]);
                    ulong t0 = Tsc.Now;
                    long n = Pass(all, distance, ref updater);
                    ns[d][r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
                }
                for (int d = 0; d < days.Count; d++)
                {
                    ReadOnlySpan<byte> all = Span(loaded[d]);
                    ulong f0 = Tsc.Now;
                    long fn = Pass(all, 0, ref digest);
                    floor[d][r] = Tsc.ToNanoseconds(Tsc.Now - f0) / fn;
                }
            }
            GC.KeepAlive(digest.Digest);
            long allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
            int collections = GC.CollectionCount(0) - gen0;
            (long rss, long peakRss) = ProcessMemory.Read();
            var results = new DayResult[days.Count];
            for (int d = 0; d < days.Count; d++)
                results[d] = new DayResult(days[d].Day, messages[d], ns[d], floor[d], peaks[d], poolPeaks[d], probes[d], counters[d]);
            return new Result(results, book.Bytes, book.Orders.Capacity, book.LevelPoolCapacity, rss, peakRss, allocated, collections);
        }
        finally
        {
            foreach (CaptureBytes? b in loaded)
                b?.Dispose();
        }
    }

    private static ReadOnlySpan<byte> Span(CaptureBytes bytes) => bytes.Slice(0, (int)bytes.Length);

    /// <summary>
    /// Applies every message of the day file; before message k is applied, message
    /// k+<paramref name="distance"/> is shown to the handler's Prefetch (<see cref="BookUpdater{TListener}.Prefetch"/>; the
    /// sequencer's scheme within a packet, here over the whole day). A second reader
    /// runs ahead of the first, so it costs no copies.
    /// </summary>
    private static long Pass<THandler>(ReadOnlySpan<byte> all, int distance, ref THandler handler)
        where THandler : struct, IItchHandler, IPrefetcher
    {
        var reader = new DayFileSpanReader(all);
        DayFileSpanReader ahead = reader;
        for (int i = 0; i < distance && ahead.TryRead(out ReadOnlySpan<byte> early, out _); i++)
            handler.Prefetch(early);
        long n = 0;
        while (reader.TryRead(out ReadOnlySpan<byte> message, out _))
        {
            if (distance > 0 && ahead.TryRead(out ReadOnlySpan<byte> far, out _))
                handler.Prefetch(far);
            ItchDispatcher.Dispatch(message, ref handler);
            n++;
        }
        return n;
    }
}
