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
/// Full book build on one core over a generated day held in memory (the day file
/// the parse suite generates): every message dispatched and applied to the
/// array book. Reports ns/message, messages/s, the book's native memory and the
/// process's resident memory, and the managed allocations of the timed runs.
/// Run with two lookaheads in one process, interleaved: 2 (the sequencer's window
/// within a packet: level of k+1, slot of k+2) and 8 (level of k+4, slot of k+8),
/// so the effect of prefetching further ahead is a ratio from one run. (Allocation
/// and GC counts cover all timed runs together.)
/// </summary>
public static class BookSuite
{
    public sealed record Result(int Lookahead, long Messages, double[] RunNanosecondsPerMessage, long BookBytes, long PeakLiveOrders, long Rss, long PeakRss, long AllocatedBytes, int Gen0, BookCounters Counters)
    {
        public double Median => Stats.Median(RunNanosecondsPerMessage);

        public override string ToString() =>
            $"book w{Lookahead,-2} {Messages,11:N0} msgs   median {Median,6:F2} ns/msg  {1e3 / Median,7:F1} M msgs/s   runs {RunNanosecondsPerMessage.Min():F2}..{RunNanosecondsPerMessage.Max():F2}\n" +
            $"        book memory {BookBytes / 1048576.0:F0} MiB native, RSS {Rss / 1048576.0:F0} MiB (peak {PeakRss / 1048576.0:F0} MiB), live orders at end {PeakLiveOrders:N0}, " +
            $"unknown {Counters.UnknownOrders}, degraded {Counters.DegradedSymbols}, allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    /// <summary>
    /// Times full passes with each lookahead, interleaved run by run (A, B, A, B, ...) so
    /// the machine's slow spells fall on both alike.
    /// </summary>
    public static IReadOnlyList<Result> Run(string dayFile, int runs, BookOptions options, params int[] lookaheads)
    {
        foreach (int lookahead in lookaheads)
            if (lookahead is < 1 or > 15)
                throw new ArgumentOutOfRangeException(nameof(lookaheads), lookahead, "the window holds at most 16 messages");
        using CaptureBytes bytes = CaptureBytes.Open(dayFile);
        if (bytes.Length > int.MaxValue)
            throw new InvalidOperationException($"{dayFile} is over 2 GiB: the book pass holds the day file as one span; ask for fewer messages");
        ReadOnlySpan<byte> all = bytes.Slice(0, (int)bytes.Length);
        using var book = new OrderBook(options);
        var updater = new BookUpdater(book);
        long messages = PassRing(all, lookaheads[0], ref updater); // warm: pages in memory, code hot, every level touched
        var ns = new double[lookaheads.Length][];
        for (int k = 0; k < lookaheads.Length; k++)
            ns[k] = new double[runs];
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            for (int k = 0; k < lookaheads.Length; k++)
            {
                book.Clear();
                ulong t0 = Tsc.Now;
                long n = PassRing(all, lookaheads[k], ref updater);
                ns[k][r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
            }
        }
        long allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
        int collections = GC.CollectionCount(0) - gen0;
        (long rss, long peak) = ProcessMemory.Read();
        var results = new Result[lookaheads.Length];
        for (int k = 0; k < lookaheads.Length; k++)
            results[k] = new Result(lookaheads[k], messages, ns[k], book.Bytes, book.Orders.Count, rss, peak, allocated, collections, book.Counters);
        return results;
    }

    /// <summary>
    /// Applies every message of the day file, message k while the order slot of k+depth and
    /// the level of k+depth/2 are fetched (the two stages of <see cref="BookUpdater.Prefetch"/>).
    /// The window is a ring of offsets into the file, so it costs no copies.
    /// </summary>
    private static long PassRing(ReadOnlySpan<byte> all, int depth, ref BookUpdater updater)
    {
        var reader = new DayFileSpanReader(all);
        // Offsets and lengths of the messages in the window (at most 16: depth < 16).
        Span<int> start = stackalloc int[16];
        Span<int> length = stackalloc int[16];
        int head = 0, count = 0;
        long n = 0;
        ref byte origin = ref MemoryMarshal.GetReference(all);
        while (count <= depth && reader.TryRead(out ReadOnlySpan<byte> m, out _))
        {
            start[(head + count) & 15] = (int)Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(m));
            length[(head + count) & 15] = m.Length;
            count++;
        }
        int half = depth / 2;
        while (count > 0)
        {
            ReadOnlySpan<byte> level = count > half ? all.Slice(start[(head + half) & 15], length[(head + half) & 15]) : default;
            ReadOnlySpan<byte> slot = count > depth ? all.Slice(start[(head + depth) & 15], length[(head + depth) & 15]) : default;
            updater.Prefetch(level, slot);
            ItchDispatcher.Dispatch(all.Slice(start[head], length[head]), ref updater);
            n++;
            head = (head + 1) & 15;
            count--;
            if (reader.TryRead(out ReadOnlySpan<byte> m, out _))
            {
                start[(head + count) & 15] = (int)Unsafe.ByteOffset(ref origin, ref MemoryMarshal.GetReference(m));
                length[(head + count) & 15] = m.Length;
                count++;
            }
        }
        return n;
    }

}
