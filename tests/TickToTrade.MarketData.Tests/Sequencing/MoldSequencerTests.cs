using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.MarketData.Tests.Support;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.Tests.Sequencing;

/// <summary>Packet-trace style tests of the sequencer, with hand-built MoldUDP64 packets.</summary>
public sealed class MoldSequencerTests
{
    private static readonly MoldSession Session = MoldSession.FromString("TEST000001");

    /// <summary>A packet from <paramref name="first"/> with <paramref name="count"/> 1-byte-type messages ('S' + 11 bytes).</summary>
    private static byte[] Packet(ulong first, ushort count, MoldSession? session = null)
    {
        var b = new byte[MoldPacket.HeaderLength + (count == MoldPacket.EndOfSessionCount ? 0 : count * 14)];
        new MoldPacketRepr(session ?? Session, first, count).Emit(b);
        for (int i = 0; i < (count == MoldPacket.EndOfSessionCount ? 0 : count); i++)
        {
            int o = MoldPacket.HeaderLength + i * 14;
            BigEndian.WriteU16(b, o, 12);
            b[o + 2] = (byte)'S';
            BigEndian.WriteU64(b, o + 6, first + (ulong)i); // tag the message with its sequence
        }
        return b;
    }

    private struct Requests : IRetransmitRequester
    {
        public List<(ulong, ushort)> Log;
        public readonly bool Request(MoldSession session, ulong sequence, ushort count)
        {
            Log.Add((sequence, count));
            return true;
        }
    }

    private sealed class Trace : IDisposable
    {
        public readonly MoldSequencer Sequencer = new(new SequencerOptions { StartSequence = 1, RetryAfter = 10, AlarmAfter = 100 });
        public RecordingSink Sink = RecordingSink.Create();
        public Requests Requester = new() { Log = [] };
        public FeedCounters C;

        public Trace Send(byte[] packet, ulong now = 0)
        {
            Sequencer.Process(packet, now, ref C, ref Sink, ref Requester);
            return this;
        }

        public ulong[] Delivered => [.. Sink.Delivered.Select(d => d.Sequence)];

        public void Dispose() => Sequencer.Dispose();
    }

    [Fact]
    public void InOrderPackets_AreAppliedOnce()
    {
        using var t = new Trace();
        t.Send(Packet(1, 3)).Send(Packet(4, 2));
        Assert.Equal([1UL, 2, 3, 4, 5], t.Delivered);
        Assert.Equal(6UL, t.Sequencer.NextSequence);
        Assert.Equal(FeedState.Live, t.Sequencer.State);
    }

    [Fact]
    public void DuplicatePacket_IsDropped_AndCounted()
    {
        using var t = new Trace();
        t.Send(Packet(1, 3)).Send(Packet(1, 3));
        Assert.Equal([1UL, 2, 3], t.Delivered);
        Assert.Equal(1, t.C.DuplicatePackets);
        Assert.Equal(3, t.C.DuplicateMessages);
    }

    [Fact]
    public void OverlappingPacket_AppliesOnlyWhatIsNew()
    {
        using var t = new Trace();
        t.Send(Packet(1, 3)).Send(Packet(2, 4));
        Assert.Equal([1UL, 2, 3, 4, 5], t.Delivered);
        Assert.Equal(2, t.C.DuplicateMessages);
        Assert.Equal(0, t.C.DuplicatePackets);
    }

    [Fact]
    public void Gap_MakesTheFeedStale_RequestsTheHole_AndReplaysHeldPackets()
    {
        using var t = new Trace();
        t.Send(Packet(1, 2)).Send(Packet(6, 2), now: 5);
        Assert.Equal(FeedState.Stale, t.Sequencer.State);
        Assert.Equal([(3UL, (ushort)3)], t.Requester.Log);
        Assert.Equal([1UL, 2], t.Delivered);
        Assert.Equal(1, t.C.PendingStored);

        t.Send(Packet(3, 3), now: 8); // the retransmission
        Assert.Equal([1UL, 2, 3, 4, 5, 6, 7], t.Delivered);
        Assert.Equal(FeedState.Live, t.Sequencer.State);
        Assert.Equal(1, t.C.Gaps);
        Assert.Equal(3, t.C.GapMessages);
        Assert.Equal(1, t.C.Recoveries);
    }

    [Fact]
    public void PartialRetransmission_IsRequestedAgain_ForTheRest()
    {
        using var t = new Trace();
        t.Send(Packet(1, 1)).Send(Packet(10, 1), now: 1);
        Assert.Equal([(2UL, (ushort)8)], t.Requester.Log);
        t.Send(Packet(2, 3), now: 2); // only 2..4 came back
        Assert.Equal(FeedState.Stale, t.Sequencer.State);
        t.Sequencer.Poll(now: 20, ref t.C, ref t.Requester);
        Assert.Equal((5UL, (ushort)5), t.Requester.Log[^1]);
        t.Send(Packet(5, 5), now: 21);
        Assert.Equal(FeedState.Live, t.Sequencer.State);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (ulong)i), t.Delivered);
    }

    [Fact]
    public void Heartbeat_AheadOfUs_RevealsAGap()
    {
        using var t = new Trace();
        t.Send(Packet(1, 2)).Send(Packet(5, MoldPacket.HeartbeatCount));
        Assert.Equal(1, t.C.Heartbeats);
        Assert.Equal(FeedState.Stale, t.Sequencer.State);
        Assert.Equal([(3UL, (ushort)2)], t.Requester.Log);
        t.Send(Packet(3, 2));
        Assert.Equal(FeedState.Live, t.Sequencer.State);
    }

    [Fact]
    public void EndOfSession_CarriesNoMessages_ButRevealsATrailingGap()
    {
        using var t = new Trace();
        t.Send(Packet(1, 2)).Send(Packet(3, MoldPacket.EndOfSessionCount));
        Assert.Equal(1, t.C.EndOfSession);
        Assert.Equal(FeedState.Live, t.Sequencer.State);
        t.Send(Packet(4, MoldPacket.EndOfSessionCount));
        Assert.Equal(FeedState.Stale, t.Sequencer.State);
        Assert.Equal([(3UL, (ushort)1)], t.Requester.Log);
    }

    [Fact]
    public void ForeignSession_IsDropped()
    {
        using var t = new Trace();
        t.Send(Packet(1, 1)).Send(Packet(2, 1, MoldSession.FromString("OTHER")));
        Assert.Equal(1, t.C.ForeignSession);
        Assert.Equal([1UL], t.Delivered);
    }

    [Fact]
    public void MalformedBlock_StopsThePacket_TheRestBecomesAGap()
    {
        using var t = new Trace();
        byte[] p = Packet(1, 3);
        BigEndian.WriteU16(p, MoldPacket.HeaderLength + 14, 500); // second block claims 500 bytes
        t.Send(p);
        Assert.Equal([1UL], t.Delivered);
        Assert.Equal(1, t.C.MalformedPackets);
        t.Send(Packet(4, 1));
        Assert.Equal(FeedState.Stale, t.Sequencer.State);
        Assert.Equal([(2UL, (ushort)2)], t.Requester.Log);
    }

    [Fact]
    public void UnrecoveredGap_RaisesOneAlarm()
    {
        using var t = new Trace();
        t.Send(Packet(1, 1), 0).Send(Packet(3, 1), 0);
        for (ulong now = 0; now <= 200; now += 5)
            t.Sequencer.Poll(now, ref t.C, ref t.Requester);
        Assert.Equal(1, t.C.UnrecoveredAlarms);
        Assert.Equal(21, t.Requester.Log.Count); // the first request, then one every 10 units
    }

    [Fact]
    public void SkipMode_CountsGaps_WithoutGoingStale()
    {
        using var s = new MoldSequencer(new SequencerOptions { RecoverGaps = false });
        var sink = RecordingSink.Create();
        var none = new NoRetransmitRequester();
        var c = new FeedCounters();
        s.Process(Packet(100, 2), 0, ref c, ref sink, ref none);
        s.Process(Packet(110, 2), 0, ref c, ref sink, ref none);
        Assert.Equal(FeedState.Live, s.State);
        Assert.Equal(1, c.Gaps);
        Assert.Equal(8, c.GapMessages);
        Assert.Equal([100UL, 101, 110, 111], sink.Delivered.Select(d => d.Sequence));
    }

    [Fact]
    public void ForgedFarAheadSequence_IsImplausible_AndDoesNotStallTheFeed()
    {
        using var t = new Trace();
        t.Send(Packet(1, 2)).Send(Packet(1UL << 40, 1)).Send(Packet(ulong.MaxValue - 1, 3));
        Assert.Equal(2, t.C.ImplausibleSequence);
        Assert.Equal(FeedState.Live, t.Sequencer.State);
        Assert.Empty(t.Requester.Log);
        t.Send(Packet(3, 1));
        Assert.Equal([1UL, 2, 3], t.Delivered);
    }

    [Fact]
    public void SecondHole_WhileStale_IsCountedToo()
    {
        using var t = new Trace();
        t.Send(Packet(1, 1)).Send(Packet(4, 1)).Send(Packet(8, 1));
        Assert.Equal(2, t.C.Gaps);
        Assert.Equal(2 + 3, t.C.GapMessages); // 2..3, then 5..7
        t.Send(Packet(2, 2)).Send(Packet(5, 3));
        Assert.Equal(FeedState.Live, t.Sequencer.State);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (ulong)i), t.Delivered);
    }

    [Fact]
    public void ABCopies_WhileStale_TakeOnePendingSlot()
    {
        using var t = new Trace();
        t.Send(Packet(1, 1)).Send(Packet(5, 2)).Send(Packet(5, 2));
        t.Send(Packet(2, 3));
        Assert.Equal([1UL, 2, 3, 4, 5, 6], t.Delivered);
        Assert.Equal(FeedState.Live, t.Sequencer.State);
    }

    [Fact]
    public void PinnedSession_IgnoresAnyOtherFirstPacket()
    {
        using var s = new MoldSequencer(new SequencerOptions { Session = Session, StartSequence = 1 });
        var sink = RecordingSink.Create();
        var none = new NoRetransmitRequester();
        var c = new FeedCounters();
        s.Process(Packet(1, 1, MoldSession.FromString("STRAY")), 0, ref c, ref sink, ref none);
        s.Process(Packet(1, 1), 0, ref c, ref sink, ref none);
        Assert.Equal(1, c.ForeignSession);
        Assert.Equal([1UL], sink.Delivered.Select(d => d.Sequence));
    }

    [Fact]
    public void RefusedItchMessage_UsesItsSequenceNumber_ButIsNotApplied()
    {
        using var t = new Trace();
        byte[] p = Packet(1, 2);
        p[MoldPacket.HeaderLength + 2] = (byte)'Z'; // unknown type in the first block
        var sink = new RefusingSink { Inner = t.Sink };
        var c = new FeedCounters();
        t.Sequencer.Process(p, 0, ref c, ref sink, ref t.Requester);
        Assert.Equal(1, c.ItchUnknownType);
        Assert.Equal(1, c.AppliedMessages);
        Assert.Equal(3UL, t.Sequencer.NextSequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void PrefetchHints_ShowEachMessageOnce_DistanceAhead_WithinThePacket(int distance)
    {
        using var sequencer = new MoldSequencer(new SequencerOptions { StartSequence = 1, PrefetchDistance = distance });
        var sink = new PrefetchLog { Events = [] };
        var c = new FeedCounters();
        var requester = new NoRetransmitRequester();
        sequencer.Process(Packet(1, 5), 0, ref c, ref sink, ref requester);
        sequencer.Process(Packet(6, 2), 0, ref c, ref sink, ref requester);
        // Message s is hinted once, before it is applied, while message s - distance is next
        // (or at the start of its packet), and never across a packet boundary.
        var expected = new List<string>();
        foreach ((ulong first, int count) in new[] { (1UL, 5), (6UL, 2) })
        {
            for (int i = 0; i < Math.Min(distance, count); i++)
                expected.Add($"hint {first + (ulong)i}");
            for (int i = 0; i < count; i++)
            {
                if (distance > 0 && i + distance < count)
                    expected.Add($"hint {first + (ulong)(i + distance)}");
                expected.Add($"apply {first + (ulong)i}");
            }
        }
        Assert.Equal(expected, sink.Events);
    }

    /// <summary>Logs prefetch hints and applied messages in the order they come, by the sequence tag in the message.</summary>
    private struct PrefetchLog : IMoldMessageSink
    {
        public List<string> Events;

        public readonly void Prefetch(ReadOnlySpan<byte> ahead) => Events.Add($"hint {BigEndian.U64(ahead, 4)}");

        public readonly TickToTrade.MarketData.Itch.ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message)
        {
            Events.Add($"apply {BigEndian.U64(message, 4)}");
            return TickToTrade.MarketData.Itch.ItchStatus.Ok;
        }
    }

    /// <summary>Refuses unknown types the way the ITCH dispatcher does, and records the rest.</summary>
    private struct RefusingSink : IMoldMessageSink
    {
        public RecordingSink Inner;

        public readonly void Prefetch(ReadOnlySpan<byte> ahead)
        {
        }

        public readonly TickToTrade.MarketData.Itch.ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message) =>
            message[0] == (byte)'Z' ? TickToTrade.MarketData.Itch.ItchStatus.UnknownType : Inner.OnMessage(sequence, message);
    }
}
