using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.MarketData.Tests.Support;
using TickToTrade.PacketIO.Capture;

namespace TickToTrade.MarketData.Tests.Feed;

/// <summary>
/// The non-negotiable: decoding, sequencing and dispatching 10M messages allocates
/// no managed memory. The hot path runs on this thread, so this thread's
/// allocation counter is the exact measure; the process-wide counter also moves
/// with the test runner's own threads, so the process-wide proof is made where
/// nothing else runs: ttt-bench parse (NativeAOT, one thread).
/// </summary>
public sealed class ZeroAllocationTests
{
    [Fact]
    public void TenMillionMessages_FrameToHandler_AllocateZeroBytes()
    {
        var options = new GeneratorOptions { Symbols = 200, Messages = 1_000_000, Seed = 4 };
        byte[] pcap = Generated.Pcap(options);
        using var bytes = CaptureBytes.FromArray(pcap);
        using var sequencer = new MoldSequencer(new SequencerOptions { StartSequence = 1 });
        var filter = new FeedFilter([new FeedEndpoint(MoldPcapWriter.LineA.Group, MoldPcapWriter.LineA.Port)]);
        var sink = new ItchSink<ItchDigestHandler>(new ItchDigestHandler());
        var requester = new NoRetransmitRequester();
        var c = new FeedCounters();

        var reader = new PcapReader(bytes);
        Pass(reader, sequencer, filter, ref sink, ref requester, ref c); // warm-up: JIT tiers, statics
        long messagesBefore = sink.Handler.Messages;
        long threadBefore = GC.GetAllocatedBytesForCurrentThread();
        int gen0Before = GC.CollectionCount(0);

        for (int pass = 0; pass < 10; pass++)
            Pass(reader, sequencer, filter, ref sink, ref requester, ref c);

        long thread = GC.GetAllocatedBytesForCurrentThread() - threadBefore;
        int gen0 = GC.CollectionCount(0) - gen0Before;
        Assert.Equal(10_000_000, sink.Handler.Messages - messagesBefore);
        Assert.Equal(0, thread);
        Assert.Equal(0, gen0);
        Assert.Equal(0, c.FramesDropped + c.Malformed + c.Gaps);
    }

    private static void Pass(PcapReader reader, MoldSequencer sequencer, FeedFilter filter,
        ref ItchSink<ItchDigestHandler> sink, ref NoRetransmitRequester requester, ref FeedCounters c)
    {
        sequencer.Reset();
        reader.Rewind();
        while (reader.TryRead(out PcapRecord record))
        {
            if (FeedDecoder.TryDecode(record.Data, filter, ref c, out ReadOnlySpan<byte> payload))
                sequencer.Process(payload, 0, ref c, ref sink, ref requester);
        }
    }
}
