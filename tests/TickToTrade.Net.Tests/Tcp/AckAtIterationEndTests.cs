using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>
/// TcpConfig.AckAtIterationEnd: the ACK for in-order data waits for the end of the loop's
/// iteration, so a reply sent in it carries the ACK (one frame per request and reply, not
/// two); with no reply it goes at the next poll; and every second segment is still
/// acknowledged at once (RFC 5681 §4.2, RFC 9293 §3.8.6.3).
/// </summary>
public sealed class AckAtIterationEndTests
{
    [Fact]
    public void AReplyInTheSameIteration_CarriesTheAck_InOneFrame()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        for (int i = 0; i < 3; i++)
        {
            s.SendData("ping"u8); // arrives in one poll
            Assert.Equal(4, s.Ours.Receive(new byte[8]));
            s.Ours.Send("pong"u8);
            peer.Stack.Push(s.Ours, peer.Now);
            var (reply, payload) = s.Expect(TcpFlags.Ack | TcpFlags.Psh);
            Assert.Equal("pong"u8.ToArray(), payload);
            Assert.Equal(s.Seq, reply.Acknowledgment);
            s.Ack += 4;
            s.SendAck();
        }
    }

    [Fact]
    public void WithNoReply_TheAckGoesAtTheNextPoll()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        long sentBefore = peer.Stack.TcpCounters.SegmentsSent;
        s.SendData("tick"u8);                                          // arrives in one poll
        Assert.Equal(sentBefore, peer.Stack.TcpCounters.SegmentsSent); // held through that iteration
        peer.Stack.Poll(peer.Now);                                     // the loop comes round
        Assert.Equal(sentBefore + 1, peer.Stack.TcpCounters.SegmentsSent);
        Assert.Equal(s.Seq, s.Expect(TcpFlags.Ack).Segment.Acknowledgment);
    }

    [Fact]
    public void TheSecondSegment_IsAcknowledgedAtOnce_CoveringBoth()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        long sentBefore = peer.Stack.TcpCounters.SegmentsSent;
        // Two segments in one receive burst.
        for (int i = 0; i < 2; i++)
        {
            s.TsVal++;
            peer.Send(s.Segment(TcpFlags.Ack | TcpFlags.Psh), new byte[1000], poll: false);
            s.Seq += 1000;
        }
        peer.Stack.Poll(peer.Now);
        Assert.Equal(sentBefore + 1, peer.Stack.TcpCounters.SegmentsSent); // the second one's ACK, in that same poll
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(s.Seq, ack.Acknowledgment);
    }

    [Fact]
    public void Off_EverySegmentIsAcknowledgedAsItArrives_AndTheReplyIsASecondFrame()
    {
        using var peer = new ScriptedPeer(new TcpConfig { AckAtIterationEnd = false });
        PeerSession s = Open.Active(peer);
        long sentBefore = peer.Stack.TcpCounters.SegmentsSent;
        s.SendData("ping"u8);
        Assert.Equal(sentBefore + 1, peer.Stack.TcpCounters.SegmentsSent);
        Assert.Equal(4, s.Ours.Receive(new byte[8]));
        s.Ours.Send("pong"u8);
        peer.Stack.Push(s.Ours, peer.Now);
        var frames = peer.Drain();
        Assert.Equal(2, frames.Count);
        Assert.Equal(TcpFlags.Ack, frames[0].Segment.Flags);
        Assert.Equal("pong"u8.ToArray(), frames[1].Payload);
    }
}
