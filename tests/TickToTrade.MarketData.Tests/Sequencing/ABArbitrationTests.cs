using TickToTrade.PacketIO.Randomness;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.MarketData.Tests.Support;

namespace TickToTrade.MarketData.Tests.Sequencing;

/// <summary>The same feed on the A and B lines: the first copy of each sequence number wins, every one is delivered once.</summary>
public sealed class ABArbitrationTests
{
    private static readonly FeedFilter BothLines = new([
        new FeedEndpoint(MoldPcapWriter.LineA.Group, MoldPcapWriter.LineA.Port),
        new FeedEndpoint(MoldPcapWriter.LineB.Group, MoldPcapWriter.LineB.Port)]);

    private static (RecordingSink Sink, FeedCounters C, FeedState State) Run(IEnumerable<byte[]> frames)
    {
        using var sequencer = new MoldSequencer(new SequencerOptions { StartSequence = 1 });
        var sink = RecordingSink.Create();
        var none = new NoRetransmitRequester();
        var c = new FeedCounters();
        foreach (byte[] frame in frames)
        {
            if (FeedDecoder.TryDecode(frame, BothLines, ref c, out ReadOnlySpan<byte> payload))
                sequencer.Process(payload, 0, ref c, ref sink, ref none);
        }
        return (sink, c, sequencer.State);
    }

    [Fact]
    public void BothLinesComplete_EachSequenceDeliveredExactlyOnce()
    {
        var options = new GeneratorOptions { Symbols = 30, Messages = 10_000, Seed = 9, ABLines = true };
        List<byte[]> messages = Generated.Messages(options);
        List<byte[]> frames = CaptureFrames.Read(Generated.Pcap(options));
        (RecordingSink sink, FeedCounters c, FeedState state) = Run(frames);

        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (ulong)i), sink.Delivered.Select(d => d.Sequence));
        Assert.True(messages.Zip(sink.Delivered).All(p => p.First.AsSpan().SequenceEqual(p.Second.Message)));
        long dataPackets = (frames.Count - 2) / 2; // two End of Session frames
        Assert.Equal(dataPackets, c.DuplicatePackets);
        Assert.Equal(0, c.Gaps);
        Assert.Equal(FeedState.Live, state);
    }

    [Fact]
    public void LossesOnEitherLine_ButNeverBoth_LeaveNoGap()
    {
        var options = new GeneratorOptions { Symbols = 30, Messages = 10_000, Seed = 10, ABLines = true };
        List<byte[]> messages = Generated.Messages(options);
        List<byte[]> frames = CaptureFrames.Read(Generated.Pcap(options));
        // Frames come in A/B pairs (either order). Drop one copy of 40% of the pairs, on a random line.
        var rng = new Xoshiro256(42);
        var kept = new List<byte[]>();
        for (int i = 0; i + 1 < frames.Count; i += 2)
        {
            if (rng.Chance(0.4))
                kept.Add(frames[i + (int)rng.Next(2)]);
            else
            {
                kept.Add(frames[i]);
                kept.Add(frames[i + 1]);
            }
        }
        (RecordingSink sink, FeedCounters c, FeedState state) = Run(kept);
        Assert.Equal(messages.Count, sink.Delivered.Count);
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (ulong)i), sink.Delivered.Select(d => d.Sequence));
        Assert.Equal(0, c.Gaps);
        Assert.Equal(FeedState.Live, state);
    }
}
