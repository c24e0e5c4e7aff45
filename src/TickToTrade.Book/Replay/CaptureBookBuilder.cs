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
    /// <summary>The result of one build: message count, and how long the build itself took (capture already in memory).</summary>
    public readonly record struct BuildResult(long Messages, double Seconds, FeedCounters Feed);

    /// <summary>
    /// Builds <paramref name="book"/> from the capture at <paramref name="path"/>, which is mapped,
    /// or with <paramref name="readIntoMemory"/> read whole into memory on 2 MB pages first
    /// (what a timed build wants: streaming a mapped 1.5 GB day takes a TLB miss every 4 KB).
    /// With <paramref name="warmUp"/> the book is built once untimed and cleared first, so the
    /// timed build runs with the code and the tables' hot lines warm, as a running engine's do.
    /// </summary>
    public static BuildResult Build(string path, OrderBook book, FeedFilter? filter = null, bool readIntoMemory = false, bool warmUp = false)
    {
        using CaptureBytes bytes = readIntoMemory ? CaptureBytes.Load(path) : CaptureBytes.Open(path);
        CaptureFormat format = CaptureFormatDetector.Detect(bytes, path);
        if (!readIntoMemory)
            Touch(bytes); // a loaded capture is in memory already
        filter ??= FeedFilter.Any;
        if (warmUp)
        {
            Pass(bytes, format, book, filter, out _);
            book.Clear();
        }
        FeedCounters c = Pass(bytes, format, book, filter, out double seconds);
        return new BuildResult(c.AppliedMessages, seconds, c);
    }

    /// <summary>One build over the whole capture; <paramref name="seconds"/> is the time of the build alone.</summary>
    private static FeedCounters Pass(CaptureBytes bytes, CaptureFormat format, OrderBook book, FeedFilter filter, out double seconds)
    {
        var sink = new ItchSink<BookUpdater>(new BookUpdater(book));
        var c = new FeedCounters();
        if (format == CaptureFormat.ItchDayFile)
        {
            // A second reader runs ahead, as the sequencer's does within a packet, so each
            // message's order slot and levels are fetched while the ones before it are applied.
            var reader = new ItchDayFileReader(bytes);
            var ahead = new ItchDayFileReader(bytes);
            int distance = new SequencerOptions().PrefetchDistance;
            ulong t0 = Tsc.Now;
            for (int i = 0; i < distance && ahead.TryRead(out ReadOnlySpan<byte> early); i++)
                sink.Prefetch(early);
            ulong sequence = 1;
            while (reader.TryRead(out ReadOnlySpan<byte> message))
            {
                if (ahead.TryRead(out ReadOnlySpan<byte> far))
                    sink.Prefetch(far);
                c.Messages++;
                c.Count(sink.OnMessage(sequence++, message));
            }
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

    /// <summary>Reads every page once so the timed build works on memory, not the disk.</summary>
    private static void Touch(CaptureBytes bytes)
    {
        long sum = 0;
        for (long o = 0; o < bytes.Length; o += 4096)
            sum += bytes.Slice(o, 1)[0];
        GC.KeepAlive(sum);
    }
}
