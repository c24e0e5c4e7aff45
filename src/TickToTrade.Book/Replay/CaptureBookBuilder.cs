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
    /// </summary>
    public static BuildResult Build(string path, OrderBook book, FeedFilter? filter = null, bool readIntoMemory = false)
    {
        using CaptureBytes bytes = readIntoMemory ? CaptureBytes.Load(path) : CaptureBytes.Open(path);
        CaptureFormat format = CaptureFormatDetector.Detect(bytes, path);
        Touch(bytes);
        var sink = new ItchSink<BookUpdater>(new BookUpdater(book));
        var c = new FeedCounters();
        ulong t0 = Tsc.Now;
        if (format == CaptureFormat.ItchDayFile)
        {
            // A second reader runs ahead, as the sequencer's does within a packet, so each
            // message's order slot and levels are fetched while the ones before it are applied.
            var reader = new ItchDayFileReader(bytes);
            var ahead = new ItchDayFileReader(bytes);
            int distance = new SequencerOptions().PrefetchDistance;
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
        }
        else
        {
            IFrameReader frames = format == CaptureFormat.Pcap ? new PcapReader(bytes) : new PcapNgReader(bytes);
            using var sequencer = new MoldSequencer(new SequencerOptions { RecoverGaps = false, PendingSlots = 1, MaxPacketBytes = 64 });
            var none = new NoRetransmitRequester();
            filter ??= FeedFilter.Any;
            while (frames.TryRead(out PcapRecord record))
            {
                if (FeedDecoder.TryDecode(record.Data, filter, ref c, out ReadOnlySpan<byte> payload))
                    sequencer.Process(payload, 0, ref c, ref sink, ref none);
            }
        }
        double seconds = Tsc.ToNanoseconds(Tsc.Now - t0) / 1e9;
        return new BuildResult(c.AppliedMessages, seconds, c);
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
