using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.MarketData.Tests.Support;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Memory;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.MarketData.Tests.Sequencing;

/// <summary>
/// Injected gaps, detected and recovered through a request server on the other
/// end of a memory port: requests and replies are real Ethernet/IPv4/UDP frames.
/// </summary>
public sealed class GapRecoveryTests
{
    private static readonly RequestRoute Route = new(
        new MacAddress(0x02_00_00_00_00_02), new MacAddress(0x02_00_00_00_00_01),
        Ipv4Address.Parse("198.51.100.2"), 40000, Ipv4Address.Parse("198.51.100.1"), 26400);

    private static readonly FeedFilter Filter = new([
        new FeedEndpoint(MoldPcapWriter.LineA.Group, MoldPcapWriter.LineA.Port),
        new FeedEndpoint(Route.LocalAddress, Route.LocalPort)]);

    private sealed class Rig : IDisposable
    {
        public readonly MemoryPortPair Pair = new(buffers: 512, ringCapacity: 256);
        public readonly MoldSequencer Sequencer;
        public readonly FakeRequestServer Server;
        public UdpRetransmitRequester<MemoryPort> Requester;
        public RecordingSink Sink = RecordingSink.Create();
        public FeedCounters Counters;
        public ulong Now;
        /// <summary>What the off-hot-path logger drained from the sequencer's event ring.</summary>
        public readonly List<FeedEvent> Logged = [];

        public Rig(List<byte[]> messages, SequencerOptions options)
        {
            Sequencer = new MoldSequencer(options);
            Server = new FakeRequestServer(Pair.B, messages, MoldSession.FromString(new GeneratorOptions().Session));
            Requester = new UdpRetransmitRequester<MemoryPort>(Pair.A, Route);
        }

        public void Feed(byte[] frame)
        {
            if (FeedDecoder.TryDecode(frame, Filter, ref Counters, out ReadOnlySpan<byte> payload))
                Sequencer.Process(payload, Now, ref Counters, ref Sink, ref Requester);
        }

        /// <summary>One loop turn: server answers, replies come in through the port, timers run.</summary>
        public void Turn()
        {
            Now += 100;
            Server.Poll();
            Span<PacketBuffer> rx = stackalloc PacketBuffer[32];
            MemoryPort a = Pair.A;
            int n = a.Receive(rx);
            for (int i = 0; i < n; i++)
            {
                if (FeedDecoder.TryDecode(rx[i].Span, Filter, ref Counters, out ReadOnlySpan<byte> payload))
                    Sequencer.Process(payload, Now, ref Counters, ref Sink, ref Requester);
            }
            a.Free(rx[..n]);
            Sequencer.Poll(Now, ref Counters, ref Requester);
            while (Sequencer.Events.TryTake(out FeedEvent e))
                Logged.Add(e);
        }

        public void Dispose()
        {
            Sequencer.Dispose();
            Pair.Dispose();
        }
    }

    [Fact]
    public void InjectedGaps_AreDetected_Requested_AndRecovered_InOrder()
    {
        var options = new GeneratorOptions { Symbols = 20, Messages = 20_000, Seed = 3, GapEvery = 7 };
        List<byte[]> messages = Generated.Messages(options);
        List<byte[]> frames = CaptureFrames.Read(Generated.Pcap(options));
        using var rig = new Rig(messages, new SequencerOptions { StartSequence = 1, RetryAfter = 1_000, AlarmAfter = 10_000_000 });

        bool sawStale = false;
        foreach (byte[] frame in frames)
        {
            rig.Now += 10;
            rig.Feed(frame);
            sawStale |= rig.Sequencer.State == FeedState.Stale;
            rig.Turn();
        }
        for (int i = 0; i < 1000 && rig.Sequencer.State != FeedState.Live; i++)
            rig.Turn();

        Assert.True(sawStale);
        Assert.Equal(FeedState.Live, rig.Sequencer.State);
        Assert.Equal(messages.Count, rig.Sink.Delivered.Count);
        for (int i = 0; i < messages.Count; i++)
        {
            Assert.Equal((ulong)i + 1, rig.Sink.Delivered[i].Sequence);
            Assert.Equal(messages[i], rig.Sink.Delivered[i].Message);
        }
        Assert.True(rig.Counters.Gaps > 0);
        Assert.Equal(rig.Counters.Gaps, rig.Counters.Recoveries);
        Assert.True(rig.Counters.RetransmitRequests >= rig.Counters.Gaps);
        rig.Server.Poll(); // requests still in flight
        Assert.Equal(rig.Counters.RetransmitRequests, rig.Server.Requests + rig.Requester.Failed);
        Assert.True(rig.Counters.RetransmitRequests < 3 * rig.Counters.Gaps, $"{rig.Counters.RetransmitRequests} requests for {rig.Counters.Gaps} gaps");
        Assert.Equal(0, rig.Counters.UnrecoveredAlarms);
        Assert.Equal(messages.Count, rig.Counters.AppliedMessages);

        Assert.Equal(0, rig.Sequencer.Events.Dropped);
        Assert.Equal(rig.Counters.Gaps, rig.Logged.Count(e => e.Kind == FeedEventKind.GapDetected));
        Assert.Equal(rig.Counters.Recoveries, rig.Logged.Count(e => e.Kind == FeedEventKind.GapRecovered));
    }

    [Fact]
    public void EveryDroppedPacket_IsOneGap()
    {
        var options = new GeneratorOptions { Symbols = 5, Messages = 3_000, Seed = 11, GapEvery = 10 };
        var writer = new MoldPcapWriter(new MemoryStream(), options);
        FeedGenerator.Run(options, writer);
        long dropped = writer.DroppedPackets;

        List<byte[]> messages = Generated.Messages(options);
        List<byte[]> frames = CaptureFrames.Read(Generated.Pcap(options));
        using var rig = new Rig(messages, new SequencerOptions { StartSequence = 1, RetryAfter = 1_000 });
        foreach (byte[] frame in frames)
        {
            rig.Feed(frame);
            rig.Turn(); // answered at once: every gap is closed before the next one opens
        }
        Assert.Equal(dropped, rig.Counters.Gaps);
        Assert.Equal(dropped, rig.Counters.Recoveries);
        Assert.Equal(messages.Count, rig.Sink.Delivered.Count);
    }

    [Fact]
    public void SilentServer_IsRetried_ThenRaisesTheAlarm_AndTheFeedStaysStale()
    {
        var options = new GeneratorOptions { Symbols = 5, Messages = 2_000, Seed = 5, GapEvery = 4 };
        List<byte[]> messages = Generated.Messages(options);
        List<byte[]> frames = CaptureFrames.Read(Generated.Pcap(options));
        using var rig = new Rig(messages, new SequencerOptions { StartSequence = 1, RetryAfter = 1_000, AlarmAfter = 50_000 });
        rig.Server.Silent = true;
        foreach (byte[] frame in frames.Take(10))
            rig.Feed(frame);
        Assert.Equal(FeedState.Stale, rig.Sequencer.State);
        for (int i = 0; i < 1000; i++)
            rig.Turn(); // 100 units each: 100,000 in all
        rig.Server.Poll(); // the request sent in the last turn

        Assert.Equal(FeedState.Stale, rig.Sequencer.State);
        Assert.Equal(1, rig.Counters.UnrecoveredAlarms);
        Assert.InRange(rig.Counters.RetransmitRequests, 90, 110); // one every 1,000 units
        Assert.Equal(rig.Counters.RetransmitRequests, rig.Server.Requests);
        ulong first = rig.Server.Log[0].Sequence;
        Assert.All(rig.Server.Log, r => Assert.Equal(first, r.Sequence));
        Assert.Single(rig.Logged, e => e.Kind == FeedEventKind.RecoveryAlarm && e.ToString().StartsWith("ALARM: gap at sequence", StringComparison.Ordinal));
    }
}
