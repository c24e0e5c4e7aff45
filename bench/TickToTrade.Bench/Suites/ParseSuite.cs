using TickToTrade.Bench.Measure;
using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Normalized;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// Parse-only throughput on one core: a generated day (MoldUDP64 pcap, and the
/// same messages as a day file), memory-mapped and touched once so it is held
/// in memory, then parsed several times. "frames" is the whole market-data path
/// (Ethernet/IPv4/UDP checks, UDP checksum, MoldUDP64, sequencing, ITCH dispatch
/// and field reads); "itch" is ITCH dispatch to the typed views and field reads
/// alone; "normal" is ITCH through the branch-free shuffle normalizer, every field
/// read; "framing" is the floor: framing and the length-table check.
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
        return [Frames(pcap, runs), Itch(itch, runs), NormalizedSpan(itch, runs), Framing(itch, runs)];
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

        Result result = Time("frames", runs, () => FramesPass(reader, sequencer, filter, ref sink, ref none, ref c));
        if (c.FramesDropped + c.Malformed + c.Gaps != 0)
            throw new InvalidOperationException($"the generated capture did not parse cleanly: {c.FramesDropped} frames dropped, {c.Malformed} malformed, {c.Gaps} gaps");
        return result;
    }

    /// <summary>
    /// One warm pass (pages in memory, code hot), then <paramref name="runs"/> timed passes;
    /// the managed allocations and gen0 collections of the timed passes are reported with them.
    /// </summary>
    private static Result Time(string name, int runs, Func<long> pass)
    {
        long messages = pass();
        var ns = new double[runs];
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        for (int r = 0; r < runs; r++)
        {
            ulong t0 = Tsc.Now;
            long n = pass();
            ns[r] = Tsc.ToNanoseconds(Tsc.Now - t0) / n;
        }
        return new Result(name, messages, ns, GC.GetTotalAllocatedBytes(true) - alloc0, GC.CollectionCount(0) - gen0);
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
        var handler = new ItchDigestHandler();
        return Time("itch", runs, () => ItchPass(WholeFile(bytes, path), ref handler));
    }

    private static long ItchPass(ReadOnlySpan<byte> all, ref ItchDigestHandler handler)
    {
        var reader = new DayFileSpanReader(all);
        long before = handler.Messages;
        while (reader.TryRead(out ReadOnlySpan<byte> message, out _))
            ItchDispatcher.Dispatch(message, ref handler);
        return handler.Messages - before;
    }

    /// <summary>The day files these passes read are held as one span: the generated 50M-message day is 1.5 GB.</summary>
    private static ReadOnlySpan<byte> WholeFile(CaptureBytes bytes, string path)
    {
        if (bytes.Length > int.MaxValue)
            throw new InvalidOperationException($"{path} is over 2 GiB: the ITCH passes hold the day file as one span; ask for fewer messages");
        return bytes.Slice(0, (int)bytes.Length);
    }

    /// <summary>
    /// ITCH through the branch-free shuffle normalizer: the day file held in memory as
    /// one span, every message checked against the length table and spread into an
    /// <see cref="ItchEvent"/>, whose fields are then all read and folded into a digest.
    /// </summary>
    private static Result NormalizedSpan(string path, int runs)
    {
        using CaptureBytes bytes = CaptureBytes.Open(path);
        using var normalizer = new ItchNormalizer();
        ulong digest = 0;
        Result result = Time("normal", runs, () =>
        {
            (long n, digest) = NormalizedSpanPass(WholeFile(bytes, path), normalizer, digest);
            return n;
        });
        if (digest == 0)
            throw new InvalidOperationException("the normalized digest is zero: nothing was read");
        return result;
    }

    /// <remarks>The digest goes in and out by value: a ref parameter would hold one more register across the loop and push the digest's chain through the stack.</remarks>
    private static (long Messages, ulong Digest) NormalizedSpanPass(ReadOnlySpan<byte> all, ItchNormalizer normalizer, ulong digest)
    {
        var reader = new DayFileSpanReader(all);
        long n = 0;
        var e = new ItchEvent();
        ulong d = digest;
        while (reader.TryRead(out ReadOnlySpan<byte> message, out ReadOnlySpan<byte> window))
        {
            if (normalizer.Normalize(window, message.Length, ref e) != ItchStatus.Ok)
                continue;
            ulong fields = e.OrderReference ^ e.Aux ^ e.Timestamp ^ ((ulong)e.Shares << 32 | e.Price) ^ e.Stock
                ^ ((ulong)e.StockLocate << 48 | (ulong)e.Type << 40 | (ulong)e.Side << 32 | e.Attribution);
            d = (d ^ fields) * 0x100000001B3UL;
            n++;
        }
        if (reader.Truncated)
            throw new InvalidOperationException("the generated day file is truncated");
        return (n, d);
    }

    /// <summary>The floor: day-file framing and the length-table check, counted by type, no per-type dispatch.</summary>
    private static Result Framing(string path, int runs)
    {
        using CaptureBytes bytes = CaptureBytes.Open(path);
        TypeCountingSink sink = TypeCountingSink.Create();
        return Time("framing", runs, () => FramingPass(WholeFile(bytes, path), sink));
    }

    private static long FramingPass(ReadOnlySpan<byte> all, TypeCountingSink sink)
    {
        var reader = new DayFileSpanReader(all);
        long n = 0;
        while (reader.TryRead(out ReadOnlySpan<byte> message, out _))
            n += sink.OnMessage(0, message) == ItchStatus.Ok ? 1 : 0;
        return n;
    }
}
