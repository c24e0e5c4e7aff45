using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Book.Replay;

/// <summary>
/// Builds an <see cref="OrderBook"/> from a capture file (pcap, pcapng or day
/// file) through the same decoder, sequencer and dispatcher as the engine.
/// Frames of other sessions than the first are counted and ignored, and gaps
/// are skipped (a file cannot be asked for a retransmission).
/// </summary>
public static class CaptureBookBuilder
{
    /// <summary>
    /// The result of one build: message count, how long the build itself took (capture already in memory),
    /// and, for a day file, whether it ended inside a record (that partial record is not applied).
    /// </summary>
    public readonly record struct BuildResult(long Messages, double Seconds, FeedCounters Feed, bool Truncated);

    /// <summary>Day files are read a window of this many bytes at a time (see <see cref="PassDayFile"/>).</summary>
    internal const int DayFileWindowBytes = 1 << 30;

    /// <summary>The longest day-file record: the 2-byte length and a message of up to 65,535 bytes.</summary>
    internal const int MaxDayFileRecord = 2 + ushort.MaxValue;

    /// <summary>
    /// Builds <paramref name="book"/> from the capture at <paramref name="path"/>, which is mapped,
    /// or with <paramref name="readIntoMemory"/> read whole into memory on 2 MB pages first
    /// (what a timed build wants: see <see cref="CaptureBytes.Load"/> for what a mapped day costs).
    /// With <paramref name="warmUp"/> the book is built once untimed and cleared first, so the
    /// timed build runs with the code and the tables' hot lines warm, as a running engine's do.
    /// </summary>
    public static BuildResult Build(string path, OrderBook book, FeedFilter? filter = null, bool readIntoMemory = false, bool warmUp = false) =>
        Build(path, book, filter, readIntoMemory, warmUp, DayFileWindowBytes);

    /// <summary>As above, with day files read <paramref name="windowBytes"/> at a time (tests use small windows).</summary>
    internal static BuildResult Build(string path, OrderBook book, FeedFilter? filter, bool readIntoMemory, bool warmUp, int windowBytes)
    {
        if (windowBytes < MaxDayFileRecord)
            throw new ArgumentOutOfRangeException(nameof(windowBytes), windowBytes, $"a day-file window must hold the longest record, {MaxDayFileRecord} bytes");
        using CaptureBytes bytes = readIntoMemory ? CaptureBytes.Load(path) : CaptureBytes.Open(path);
        CaptureFormat format = CaptureFormatDetector.Detect(bytes, path);
        if (!readIntoMemory)
            Touch(bytes); // a loaded capture is in memory already
        filter ??= FeedFilter.Any;
        if (warmUp)
        {
            Pass(bytes, format, book, filter, windowBytes, out _, out _);
            book.Clear();
        }
        FeedCounters c = Pass(bytes, format, book, filter, windowBytes, out double seconds, out bool truncated);
        return new BuildResult(c.AppliedMessages, seconds, c, truncated);
    }

    /// <summary>One build over the whole capture; <paramref name="seconds"/> is the time of the build alone.</summary>
    private static FeedCounters Pass(CaptureBytes bytes, CaptureFormat format, OrderBook book, FeedFilter filter, int windowBytes, out double seconds, out bool truncated)
    {
        var sink = new ItchSink<BookUpdater<NoBookListener>>(BookUpdater.Create(book));
        var c = new FeedCounters();
        truncated = false;
        if (format == CaptureFormat.ItchDayFile)
        {
            ulong t0 = Tsc.Now;
            truncated = PassDayFile(bytes, windowBytes, ref sink, ref c);
            seconds = Tsc.ToNanoseconds(Tsc.Now - t0) / 1e9;
        }
        else
        {
            IFrameReader frames = format == CaptureFormat.Pcap ? new PcapReader(bytes) : new PcapNgReader(bytes);
            using var sequencer = new MoldSequencer(new SequencerOptions { RecoverGaps = false, PendingSlots = 1, MaxPacketBytes = 64 });
            var none = new NoRetransmitRequester();
            ulong t0 = Tsc.Now;
            while (frames.TryRead(out PcapRecord record))
            {
                if (FeedDecoder.TryDecode(record.Data, filter, ref c, out ReadOnlySpan<byte> payload))
                    sequencer.Process(payload, 0, ref c, ref sink, ref none);
            }
            seconds = Tsc.ToNanoseconds(Tsc.Now - t0) / 1e9;
        }
        return c;
    }

    /// <summary>
    /// Applies every message of a day file, of any size, reading it a window of up to
    /// <paramref name="windowBytes"/> at a time with <see cref="DayFileSpanReader"/>, a span
    /// cursor the compiler keeps in registers. (With <see cref="ItchDayFileReader"/>, a class
    /// whose offset lives in memory, `ttt book --bench` on the 50M-message day measured
    /// 35.0-37.6 ns a message, against 32.0-32.9 this way, in alternating runs.) A record
    /// cut by a window's end is read again from the next window, which starts where it
    /// does. A second reader runs ahead, as the sequencer's does within a packet, so each
    /// message's order slot and levels are fetched while the ones before it are applied.
    /// Returns true if the file ends inside a record.
    /// </summary>
    private static bool PassDayFile(CaptureBytes bytes, int windowBytes, ref ItchSink<BookUpdater<NoBookListener>> sink, ref FeedCounters c)
    {
        int distance = new SequencerOptions().PrefetchDistance;
        ulong sequence = 1;
        long start = 0;
        while (true)
        {
            long left = bytes.Length - start;
            bool last = left <= windowBytes;
            ReadOnlySpan<byte> window = bytes.Slice(start, (int)(last ? left : windowBytes));
            var reader = new DayFileSpanReader(window);
            DayFileSpanReader ahead = reader;
            for (int i = 0; i < distance && ahead.TryRead(out ReadOnlySpan<byte> early, out _); i++)
                sink.Prefetch(early);
            int unread = reader.Remaining;
            long read = 0, applied = 0; // counted in registers, added to the counters once a window
            while (reader.TryRead(out ReadOnlySpan<byte> message, out _))
            {
                if (ahead.TryRead(out ReadOnlySpan<byte> far, out _))
                    sink.Prefetch(far);
                read++;
                ItchStatus status = sink.OnMessage(sequence++, message);
                if (status == ItchStatus.Ok)
                    applied++;
                else
                    c.Count(status);
                unread = reader.Remaining;
            }
            c.Messages += read;
            c.AppliedMessages += applied;
            if (last)
                return reader.Truncated;
            start += window.Length - unread; // the next window starts at the first record this one did not hold whole
        }
    }

    /// <summary>Reads every page once so the timed build works on memory, not the disk.</summary>
    private static void Touch(CaptureBytes bytes)
    {
        long sum = 0;
        for (long o = 0; o < bytes.Length; o += 4096)
            sum += bytes.Slice(o, 1)[0];
        GC.KeepAlive(sum);
    }
}
