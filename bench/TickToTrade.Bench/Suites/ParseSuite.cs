using TickToTrade.Bench.Measure;
using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// Parse-only throughput on one core: a generated day (MoldUDP64 pcap, and the
/// same messages as a day file), memory-mapped and touched once so it is held
/// in memory, then parsed several times. "frames" is the whole market-data path
/// (Ethernet/IPv4/UDP checks, UDP checksum, MoldUDP64, sequencing, ITCH dispatch
/// and field reads); "itch" is ITCH dispatch and field reads alone.
/// </summary>
public static class ParseSuite
{
    public sealed record Result(string Path, long Messages, double[] RunNanosecondsPerMessage, long AllocatedBytes, int Gen0)
    {
        public double Median => Stats.Median(RunNanosecondsPerMessage);

        public override string ToString() =>
            $"{Path,-7} {Messages,11:N0} msgs   median {Median,6:F2} ns/msg  {1e3 / Median,7:F1} M msgs/s   runs {RunNanosecondsPerMessage.Min():F2}..{RunNanosecondsPerMessage.Max():F2}   allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    public static IReadOnlyList<Result> Run(string directory, int symbols, long messages, ulong seed, int runs, TextWriter log)
    {
        Ensure(directory, symbols, messages, seed, log, out string pcap, out string itch);
        return [Frames(pcap, runs), Itch(itch, runs), Framing(itch, runs)];
    }

    /// <summary>The generated day as a pcap and as a day file, cached in <paramref name="directory"/> by their options.</summary>
    public static void Ensure(string directory, int symbols, long messages, ulong seed, TextWriter log, out string pcap, out string itch)
    {
        Directory.CreateDirectory(directory);
        var options = new GeneratorOptions { Symbols = symbols, Messages = messages, Seed = seed };
        string stem = Path.Combine(directory, $"gen-{symbols}s-{messages}m-{seed}");
        pcap = Ensure(stem + ".pcap", options, pcap: true, log);
        itch = Ensure(stem + ".itch", options, pcap: false, log);
    }

    private static string Ensure(string path, GeneratorOptions options, bool pcap, TextWriter log)
    {
        if (File.Exists(path))
            return path;
        log.WriteLine($"bench parse: generating {path} ...");
        string partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (IMessageWriter w = pcap ? new MoldPcapWriter(stream, options) : new DayFileWriter(stream))
            FeedGenerator.Run(options, w);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private static Result Frames(string path, int runs)
    {
        using CaptureBytes bytes = CaptureBytes.Open(path);
        var reader = new PcapReader(bytes);
        using var sequencer = new MoldSequencer(new SequencerOptions { StartSequence = 1 });
        var filter = new FeedFilter([new FeedEndpoint(MoldPcapWriter.LineA.Group, MoldPcapWriter.LineA.Port)]);
        var sink = new ItchSink<ItchDigestHandler>(new ItchDigestHandler());
        var none = new NoRetransmitRequester();
        var c = new FeedCounters();

        long messages = FramesPass(reader, sequencer, filter, ref sink, ref none, ref c); // warm: pages in memory, code hot
        var ns = new double[runs];
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            ulong t0 = Tsc.Now;
            long n = FramesPass(reader, sequencer, filter, ref sink, ref none, ref c);
            ns[r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
        }
        long allocated = GC.GetTotalAllocatedBytes(true) - alloc0;
        if (c.FramesDropped + c.Malformed + c.Gaps != 0)
            throw new InvalidOperationException($"the generated capture did not parse cleanly: {c.FramesDropped} frames dropped, {c.Malformed} malformed, {c.Gaps} gaps");
        return new Result("frames", messages, ns, allocated, GC.CollectionCount(0) - gen0);
    }

    private static long FramesPass(PcapReader reader, MoldSequencer sequencer, FeedFilter filter,
        ref ItchSink<ItchDigestHandler> sink, ref NoRetransmitRequester none, ref FeedCounters c)
    {
        sequencer.Reset();
        reader.Rewind();
        long before = sink.Handler.Messages;
        while (reader.TryRead(out PcapRecord record))
        {
            if (FeedDecoder.TryDecode(record.Data, filter, ref c, out ReadOnlySpan<byte> payload))
                sequencer.Process(payload, 0, ref c, ref sink, ref none);
        }
        return sink.Handler.Messages - before;
    }

    private static Result Itch(string path, int runs)
    {
        using CaptureBytes bytes = CaptureBytes.Open(path);
        var reader = new ItchDayFileReader(bytes);
        var handler = new ItchDigestHandler();
        long messages = ItchPass(reader, ref handler);
        var ns = new double[runs];
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            ulong t0 = Tsc.Now;
            long n = ItchPass(reader, ref handler);
            ns[r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
        }
        return new Result("itch", messages, ns, GC.GetTotalAllocatedBytes(true) - alloc0, GC.CollectionCount(0) - gen0);
    }

    private static long ItchPass(ItchDayFileReader reader, ref ItchDigestHandler handler)
    {
        reader.Rewind();
        long before = handler.Messages;
        while (reader.TryRead(out ReadOnlySpan<byte> message))
            ItchDispatcher.Dispatch(message, ref handler);
        return handler.Messages - before;
    }

    /// <summary>The floor: day-file framing and the length-table check, counted by type, no per-type dispatch.</summary>
    private static Result Framing(string path, int runs)
    {
        using CaptureBytes bytes = CaptureBytes.Open(path);
        var reader = new ItchDayFileReader(bytes);
        TypeCountingSink sink = TypeCountingSink.Create();
        long messages = FramingPass(reader, sink);
        var ns = new double[runs];
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            ulong t0 = Tsc.Now;
            long n = FramingPass(reader, sink);
            ns[r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
        }
        return new Result("framing", messages, ns, GC.GetTotalAllocatedBytes(true) - alloc0, GC.CollectionCount(0) - gen0);
    }

    private static long FramingPass(ItchDayFileReader reader, TypeCountingSink sink)
    {
        reader.Rewind();
        long n = 0;
        while (reader.TryRead(out ReadOnlySpan<byte> message))
            n += sink.OnMessage(0, message) == ItchStatus.Ok ? 1 : 0;
        return n;
    }
}
