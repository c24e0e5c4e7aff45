using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>Loss recovery and the sender's timers: RFC 6298, RFC 5681, RFC 6582, RFC 2018/6675, RFC 9293 §3.8.</summary>
public sealed class RecoveryConformanceTests
{
    private static readonly TcpOptions NoSack = ScriptedPeer.FullOptions(500) with { SackPermitted = false };

    [Fact]
    public void Rfc6298_5_5_LostData_IsRetransmittedWithTheTimeoutDoublingEachTime()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Ours.Send("order"u8);
        peer.Advance(1000);
        var (first, _) = s.Expect(TcpFlags.Ack | TcpFlags.Psh);
        long last = peer.Now;
        var gaps = new List<long>();
        while (gaps.Count < 5)
        {
            peer.Advance(1_000_000);
            var got = peer.Drain();
            if (got.Count == 0)
                continue;
            Assert.Equal(first.Sequence, got[0].Segment.Sequence);
            Assert.Equal("order"u8.ToArray(), got[0].Payload);
            gaps.Add(peer.Now - last);
            last = peer.Now;
        }
        // First a tail loss probe after 2 ms (RFC 8985 §7: PTO = max(2·SRTT, 2 ms)); then the RTO,
        // which starts at the 200 ms floor (the handshake's RTT sample was ~0) and doubles (RFC 6298 §5.5).
        Assert.InRange(gaps[0], 2_000_000, 3_000_000);
        Assert.Equal(1, peer.Stack.TcpCounters.TailLossProbes);
        Assert.InRange(gaps[0] + gaps[1], 200_000_000, 202_000_000);
        for (int i = 3; i < gaps.Count; i++)
            Assert.InRange(gaps[i], 2 * gaps[i - 1] - 2_000_000, 2 * gaps[i - 1] + 2_000_000);
        Assert.True(peer.Stack.TcpCounters.RtoExpiries >= 4);
        // An ACK ends it.
        s.SendAck(first.Sequence + 5);
        peer.Advance(10_000_000_000);
        peer.ExpectNothing();
    }

    [Fact]
    public void Rfc5681_3_2_ThreeDuplicateAcks_TriggerFastRetransmitOfTheFirstUnacknowledgedSegment()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer, NoSack);
        s.SendAck(); // settle the scaled window first: an ACK that changes it is no duplicate (RFC 5681 §2)
        s.Ours.Send(new byte[6 * 1448]);
        peer.Advance(1000);
        var segments = peer.Drain();
        Assert.Equal(6, segments.Count);
        uint first = segments[0].Segment.Sequence;
        // Segment 1 is lost; 2..4 arrive and each draws a duplicate ACK for it.
        for (int i = 0; i < 2; i++)
        {
            s.SendAck(first);
            peer.ExpectNothing();
        }
        s.SendAck(first);
        var (rexmit, payload) = peer.ExpectOne();
        Assert.Equal(first, rexmit.Sequence);
        Assert.Equal(1448, payload.Length);
        Assert.Equal(1, peer.Stack.TcpCounters.FastRetransmits);
        Assert.Equal(1, peer.Stack.TcpCounters.NewRenoRecoveries);
        Assert.Equal(0, peer.Stack.TcpCounters.RtoExpiries);
    }

    [Fact]
    public void Rfc6582_3_2_PartialAck_RetransmitsTheNextHole()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer, NoSack);
        s.SendAck(); // settle the scaled window first: an ACK that changes it is no duplicate (RFC 5681 §2)
        s.Ours.Send(new byte[6 * 1448]);
        peer.Advance(1000);
        uint first = peer.Drain()[0].Segment.Sequence;
        for (int i = 0; i < 3; i++)
            s.SendAck(first);
        Assert.Equal(first, peer.ExpectOne().Segment.Sequence);
        // Segments 1 and 3 were lost: the ACK for the retransmitted 1 stops at 3.
        s.SendAck(first + 2 * 1448);
        var (next, _) = peer.Drain().First();
        Assert.Equal(first + 2 * 1448, next.Sequence);
    }

    [Fact]
    public void Rfc2018_Rfc6675_SackBlocks_DriveRetransmissionOfTheHolesOnly()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Ours.Send(new byte[8 * 1448]);
        peer.Advance(1000);
        var segments = peer.Drain();
        Assert.Equal(8, segments.Count);
        uint first = segments[0].Segment.Sequence;
        uint Seg(int i) => first + (uint)(i * 1448);
        // Segments 0 and 3 lost; the peer SACKs 1-2 and 4-7 on its duplicate ACKs.
        TcpRepr ack = s.Segment(TcpFlags.Ack, ack: first);
        ack.Options.SackCount = 2;
        ack.Options.Sack[0] = new SackBlock(Seg(4), Seg(8));
        ack.Options.Sack[1] = new SackBlock(Seg(1), Seg(3));
        peer.Send(ack);
        var rexmits = peer.Drain();
        Assert.Equal(new[] { Seg(0), Seg(3) }, rexmits.Select(x => x.Segment.Sequence));
        Assert.Equal(1, peer.Stack.TcpCounters.SackRecoveries);
        s.SendAck(Seg(8));
        Assert.Equal(0, s.Ours.UnacknowledgedBytes);
    }

    [Fact]
    public void Rfc2018_4_OutOfOrderData_IsAcknowledgedAtOnceWithSackBlocks_NewestFirst()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        uint start = s.Seq;
        s.Seq = start + 100;
        s.SendData(new byte[100]);   // [100, 200)
        var (a1, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(start, a1.Acknowledgment);
        Assert.Equal(1, a1.Options.SackCount);
        Assert.Equal(new SackBlock(start + 100, start + 200), a1.Options.Sack[0]);
        s.Seq = start + 300;
        s.SendData(new byte[100]);   // [300, 400)
        var (a2, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(2, a2.Options.SackCount);
        Assert.Equal(new SackBlock(start + 300, start + 400), a2.Options.Sack[0]); // the latest first (RFC 2018 §4)
        // The holes fill: everything becomes readable in order.
        s.Seq = start;
        s.SendData(new byte[100]);
        s.Seq = start + 200;
        s.SendData(new byte[100]);
        var (a3, _) = peer.Drain().Last();
        Assert.Equal(start + 400, a3.Acknowledgment);
        Assert.Equal(0, a3.Options.SackCount);
        Assert.Equal(400, s.Ours.ReceivableBytes);
    }

    [Fact]
    public void Rfc9293_3_10_7_4_OutOfOrderHoldingIsBounded_AndTheExcessCounted()
    {
        using var peer = new ScriptedPeer(new TcpConfig { MaxOutOfOrderRanges = 2 });
        PeerSession s = Open.Active(peer);
        uint start = s.Seq;
        for (int i = 1; i <= 3; i++)
        {
            s.Seq = start + (uint)(i * 200);
            s.SendData(new byte[100]);
        }
        Assert.Equal(1, peer.Stack.TcpCounters.OutOfOrderDropped);
        Assert.Equal(2, peer.Stack.TcpCounters.OutOfOrderSegments);
    }

    [Fact]
    public void Rfc9293_3_8_6_1_ZeroWindow_IsProbed_WithBackoff_UntilItOpens()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Window = 0;
        s.SendAck();
        Assert.Equal(0, s.Ours.SendWindow);
        s.Ours.Send("queued order"u8);
        peer.Advance(1000);
        peer.ExpectNothing();
        var probeTimes = new List<long>();
        while (probeTimes.Count < 3)
        {
            peer.Advance(10_000_000);
            var got = peer.Drain();
            if (got.Count == 0)
                continue;
            Assert.Single(got[0].Payload); // one byte past the window
            probeTimes.Add(peer.Now);
            s.SendAck(); // still zero
            peer.Drain();
        }
        Assert.True(probeTimes[2] - probeTimes[1] > probeTimes[1] - probeTimes[0], "probes back off");
        Assert.True(peer.Stack.TcpCounters.ZeroWindowProbes >= 3);
        s.Window = 65535;
        s.SendAck();
        var (data, payload) = peer.Drain().Last();
        Assert.Equal("queued order"u8.ToArray().AsSpan(payload.Length == 12 ? 0 : 1).ToArray(), payload);
    }

    [Fact]
    public void Rfc1122_4_2_3_6_KeepAlive_ProbesAnIdleConnection_AndGivesUp()
    {
        using var peer = new ScriptedPeer(new TcpConfig { KeepAlive = true, KeepAliveIdle = 10_000_000_000, KeepAliveInterval = 1_000_000_000, KeepAliveProbes = 3 });
        PeerSession s = Open.Active(peer);
        peer.Advance(10_100_000_000);
        var (probe, payload) = peer.ExpectOne();
        Assert.Equal(s.Ack - 1, probe.Sequence); // SEG.SEQ = SND.NXT − 1
        Assert.Empty(payload);
        s.SendAck(); // the peer answers: idle again
        peer.Advance(5_000_000_000);
        peer.ExpectNothing();
        for (int i = 0; i < 200; i++)
            peer.Advance(100_000_000);
        Assert.Equal(3, peer.Drain().Count(x => x.Segment.Flags == TcpFlags.Ack)); // three unanswered probes, then the RST
        Assert.Equal(TcpState.Closed, s.Ours.State);
        Assert.Equal(TcpError.KeepAliveTimedOut, s.Ours.Error);
    }

    [Fact]
    public void Rfc5482_UserTimeout_AbortsWhenDataStaysUnacknowledged()
    {
        using var peer = new ScriptedPeer(new TcpConfig { UserTimeout = 3_000_000_000 });
        PeerSession s = Open.Active(peer);
        s.Ours.Send("order"u8);
        for (int i = 0; i < 40; i++)
            peer.Advance(100_000_000);
        Assert.Equal(TcpState.Closed, s.Ours.State);
        Assert.Equal(TcpError.TimedOut, s.Ours.Error);
        Assert.Contains(peer.Drain(), x => x.Segment.Flags == TcpFlags.Rst);
    }

    [Fact]
    public void Rfc1122_4_2_3_2_DelayedAck_WhenEnabled_AcksEverySecondSegmentOrOnTheTimer()
    {
        using var peer = new ScriptedPeer(new TcpConfig { DelayedAck = true, DelayedAckTimeout = 40_000_000 });
        PeerSession s = Open.Active(peer);
        s.SendData(new byte[100]);
        peer.ExpectNothing();
        s.SendData(new byte[100]);
        Assert.Equal(s.Seq, s.Expect(TcpFlags.Ack).Segment.Acknowledgment);
        s.SendData(new byte[100]);
        peer.ExpectNothing();
        peer.Advance(41_000_000);
        Assert.Equal(s.Seq, s.Expect(TcpFlags.Ack).Segment.Acknowledgment);
    }

    [Fact]
    public void Rfc9293_3_7_4_Nagle_WhenEnabled_HoldsSmallSegmentsWhileDataIsInFlight()
    {
        using var peer = new ScriptedPeer(new TcpConfig { Nagle = true });
        PeerSession s = Open.Active(peer);
        s.Ours.Send("a"u8);
        peer.Advance(1000);
        var (first, _) = s.Expect(TcpFlags.Ack | TcpFlags.Psh);
        s.Ours.Send("b"u8);
        s.Ours.Send("c"u8);
        peer.Advance(1000);
        peer.ExpectNothing();
        s.SendAck(first.Sequence + 1);
        var (_, payload) = s.Expect(TcpFlags.Ack | TcpFlags.Psh);
        Assert.Equal("bc"u8.ToArray(), payload);
    }

    [Fact]
    public void NagleOff_ByDefault_EverySendGoesOutAtOnce()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Ours.Send("a"u8);
        peer.Advance(1000);
        s.Ours.Send("b"u8);
        peer.Advance(1000);
        Assert.Equal(2, peer.Drain().Count);
    }
}
