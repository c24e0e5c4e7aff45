using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TickToTrade.Bench.Measure;
using TickToTrade.Book;
using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Itch;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// Full book build on one core over a generated day read into memory on 2 MB pages
/// (the day file the parse suite generates): every message dispatched and applied to the
/// array book. Reports ns/message, messages/s, the book's native memory and the
/// process's resident memory, and the managed allocations of the timed runs.
/// Run with several prefetch distances in one process, interleaved (by default 0,
/// no prefetch, and 8, the sequencer's default), so the effect of prefetching is
/// a ratio from one run. Each run also times a floor pass over the same day: read,
/// dispatched, every field read (<see cref="ItchDigestHandler"/>), no book. The
/// machine's slow spells (a neighbour saturating memory bandwidth slows reading
/// the 1.5 GB day tenfold) show in the floor, and the book's own cost is the
/// difference. (Allocation and GC counts cover all timed runs together.)
/// </summary>
public static class BookSuite
{
    public sealed record Result(int Distance, long Messages, double[] RunNanosecondsPerMessage, double[] FloorRunNanosecondsPerMessage, long BookBytes, int MaxOrders, long PeakLiveOrders, long Rss, long PeakRss, long AllocatedBytes, int Gen0, BookCounters Counters)
    {
        public double Median => Stats.Median(RunNanosecondsPerMessage);

        /// <summary>The same day read and dispatched with every field read but no book, timed in the same runs.</summary>
        public double FloorMedian => Stats.Median(FloorRunNanosecondsPerMessage);

        public override string ToString() =>
            $"book d{Distance,-2} {Messages,11:N0} msgs   median {Median,6:F2} ns/msg  {1e3 / Median,7:F1} M msgs/s   runs {RunNanosecondsPerMessage.Min():F2}..{RunNanosecondsPerMessage.Max():F2}\n" +
            $"        book memory {BookBytes / 1048576.0:F0} MiB native, RSS {Rss / 1048576.0:F0} MiB (peak {PeakRss / 1048576.0:F0} MiB), live orders at peak {PeakLiveOrders:N0} of {MaxOrders:N0}, " +
            $"unknown {Counters.UnknownOrders}, degraded {Counters.DegradedSymbols}, allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    /// <summary>
    /// Times full passes with each distance, interleaved run by run (A, B, A, B, ...) so
    /// the machine's slow spells fall on both alike.
    /// </summary>
    public static IReadOnlyList<Result> Run(string dayFile, int runs, BookOptions options, params int[] distances)
    {
        foreach (int distance in distances)
            if (distance is < 0 or > 64)
                throw new ArgumentOutOfRangeException(nameof(distances), distance, "a prefetch distance is 0..64 messages");
        if (new FileInfo(dayFile).Length > int.MaxValue)
            throw new InvalidOperationException($"{dayFile} is over 2 GiB: the book pass holds the day file as one span; ask for fewer messages");
        using var book = new OrderBook(options); // first, so the book's tables get the reserved hugepages if the day cannot have them all
        using CaptureBytes bytes = CaptureBytes.Load(dayFile); // read into memory on 2 MB pages: a mapped day file measured twice the floor's time (CaptureBytes.Load)
        ReadOnlySpan<byte> all = bytes.Slice(0, (int)bytes.Length);
        var updater = BookUpdater.Create(book);
        long messages = Pass(all, distances[0], ref updater); // warm: pages in memory, code hot, every level touched
        var ns = new double[distances.Length][];
        for (int k = 0; k < distances.Length; k++)
            ns[k] = new double[runs];
        var floor = new double[runs];
        var digest = default(ItchDigestHandler);
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            for (int k = 0; k < distances.Length; k++)
            {
                book.Clear();
                ulong t0 = Tsc.Now;
                long n = Pass(all, distances[k], ref updater);
                ns[k][r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
            }
            ulong f0 = Tsc.Now;
            long fn = Pass(all, 0, ref digest);
            floor[r] = Tsc.ToNanoseconds(Tsc.Now - f0) / fn;
        }
        GC.KeepAlive(digest.Digest);
        long allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
        int collections = GC.CollectionCount(0) - gen0;
        (long rss, long peak) = ProcessMemory.Read();
        var results = new Result[distances.Length];
        for (int k = 0; k < distances.Length; k++)
            results[k] = new Result(distances[k], messages, ns[k], floor, book.Bytes, book.Orders.Capacity, book.Orders.Peak, rss, peak, allocated, collections, book.Counters);
        return results;
    }

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
