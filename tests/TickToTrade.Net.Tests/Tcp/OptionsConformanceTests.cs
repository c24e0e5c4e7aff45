using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>Timestamps and PAWS (RFC 7323), window scaling, the acceptability test, and sequence-number wrap-around (RFC 9293 §3.4).</summary>
public sealed class OptionsConformanceTests
{
    [Fact]
    public void Rfc7323_5_3_Paws_AnOldTimestampIsDroppedAndAcknowledged()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.SendData("new"u8);
        s.Expect(TcpFlags.Ack);
        // An old duplicate: in-window sequence number, but an older TSval.
        TcpRepr old = s.Segment(TcpFlags.Ack | TcpFlags.Psh);
        old.Options.TsVal = s.TsVal - 100;
        peer.Send(old, "old"u8);
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(s.Seq, ack.Acknowledgment); // nothing of "old" accepted
        Assert.Equal(3, s.Ours.ReceivableBytes);
        Assert.Equal(1, peer.Stack.TcpCounters.PawsRejected);
    }

    [Fact]
    public void Rfc7323_4_3_OurSegmentsEchoTheLatestTimestamp()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.TsVal = 5000;
        s.SendData("a"u8);
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.True(ack.Options.HasTimestamps);
        Assert.Equal(5001u, ack.Options.TsEcr);
    }

    [Fact]
    public void Rfc7323_3_2_AfterNegotiation_ASegmentWithoutTimestampsIsDropped()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        TcpRepr bare = s.Segment(TcpFlags.Ack | TcpFlags.Psh);
        bare.Options = TcpOptions.None;
        peer.Send(bare, "x"u8);
        Assert.Equal(0, s.Ours.ReceivableBytes);
        peer.ExpectNothing();
    }

    [Fact]
    public void Rfc7323_2_3_OurWindowIsScaledDown_AndTheRightEdgeNeverMovesLeft()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        int shift = s.Ours.ReceiveWindowShift;
        Assert.True(shift > 0);
        s.SendData(new byte[1000]);
        var (ack, _) = s.Expect(TcpFlags.Ack);
        long advertised = (long)ack.Window << shift;
        long edge = ack.Acknowledgment + advertised;
        Assert.InRange(advertised, peer.Config.ReceiveBufferBytes - 1000 - (1 << shift), peer.Config.ReceiveBufferBytes);
        s.SendData(new byte[1000]);
        var (ack2, _) = s.Expect(TcpFlags.Ack);
        Assert.True(ack2.Acknowledgment + ((long)ack2.Window << shift) >= edge, "RFC 9293 §3.8.6.2.2: the window must not shrink");
    }

    [Fact]
    public void Rfc9293_3_10_7_4_SegmentBeyondTheWindow_IsDroppedAndAcknowledged()
    {
        using var peer = new ScriptedPeer(new TcpConfig { ReceiveBufferBytes = 4096, WindowScaling = false });
        PeerSession s = Open.Active(peer);
        peer.Send(s.Segment(TcpFlags.Ack | TcpFlags.Psh, seq: s.Seq + 10_000), "far"u8);
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(s.Seq, ack.Acknowledgment);
        Assert.Equal(1, peer.Stack.TcpCounters.OutOfWindowSegments);
        Assert.Equal(0, s.Ours.ReceivableBytes);
    }

    [Fact]
    public void Rfc9293_3_10_7_4_DataPastTheWindowIsTrimmed_NeverOverrunningTheBuffer()
    {
        using var peer = new ScriptedPeer(new TcpConfig { ReceiveBufferBytes = 1024, WindowScaling = false });
        PeerSession s = Open.Active(peer, ScriptedPeer.FullOptions(1) with { WindowScale = -1 });
        var data = new byte[1500];
        data.AsSpan().Fill(7);
        TcpRepr seg = s.Segment(TcpFlags.Ack | TcpFlags.Psh);
        s.TsVal++;
        peer.Send(seg, data);
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(s.Seq + 1024, ack.Acknowledgment);
        Assert.Equal(0, ack.Window);
        Assert.Equal(1024, s.Ours.ReceivableBytes);
    }

    [Fact]
    public void Rfc9293_3_4_SequenceNumbers_WrapAroundZero_BothDirections()
    {
        using var peer = new ScriptedPeer();
        peer.FixNextIsn(uint.MaxValue - 1000);
        PeerSession s = Open.Active(peer, peerIss: uint.MaxValue - 500);
        var sent = new byte[6000];
        new Random(3).NextBytes(sent);
        // Ours: 6000 bytes from ISS+1 = 2^32 − 999 cross zero.
        Assert.Equal(6000, s.Ours.Send(sent));
        peer.Advance(1000);
        var segments = peer.Drain();
        Assert.Equal(sent, segments.SelectMany(x => x.Payload).ToArray());
        Assert.Contains(segments, x => x.Segment.Sequence < 10_000); // really wrapped
        s.SendAck(unchecked(uint.MaxValue - 999 + 6000));
        Assert.Equal(0, s.Ours.UnacknowledgedBytes);
        // Theirs: 3000 bytes from 2^32 − 499 cross zero too.
        s.SendData(sent.AsSpan(0, 1400));
        s.SendData(sent.AsSpan(1400, 1600));
        var received = new byte[3000];
        Assert.Equal(3000, s.Ours.Receive(received));
        Assert.Equal(sent.AsSpan(0, 3000).ToArray(), received);
        Assert.True(s.Seq < 10_000);
    }
}
