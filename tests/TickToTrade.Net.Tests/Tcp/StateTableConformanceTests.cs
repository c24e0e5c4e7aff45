using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>
/// RFC 9293 §3.10.7.4 ("SEGMENT ARRIVES", otherwise) with RFC 5961, state by state:
/// the answer to an exact RST, an in-window RST, an out-of-window RST, a SYN, an ACK of
/// something never sent and an out-of-window segment; and, where the RFC keeps the
/// connection, a check that it still works afterwards.
/// </summary>
public sealed class StateTableConformanceTests
{
    public static TheoryData<string> States() => new() { "SynReceived", "Established", "FinWait1", "FinWait2", "CloseWait", "Closing", "LastAck", "TimeWait" };

    /// <summary>The connection still does what its state is for, after whatever was thrown at it.</summary>
    private static void StillWorks(ScriptedPeer peer, PeerSession s, string state)
    {
        var buffer = new byte[16];
        switch (state)
        {
            case "SynReceived":
                s.SendAck();
                Assert.Equal(TcpState.Established, s.Ours.State);
                break;
            case "Established":
            case "FinWait2":
                s.SendData("live"u8);
                var (ack, _) = s.Expect(TcpFlags.Ack);
                Assert.Equal(s.Seq, ack.Acknowledgment);
                Assert.Equal(4, s.Ours.Receive(buffer));
                break;
            case "FinWait1":
                s.Ack++;
                s.SendAck();
                Assert.Equal(TcpState.FinWait2, s.Ours.State);
                break;
            case "CloseWait":
                ConnectionStates.OurFin(peer, s);
                Assert.Equal(TcpState.LastAck, s.Ours.State);
                break;
            case "Closing":
                s.Ack++;
                s.SendAck();
                Assert.Equal(TcpState.TimeWait, s.Ours.State);
                break;
            case "LastAck":
                s.Ack++;
                s.SendAck();
                Assert.Equal(TcpState.Closed, s.Ours.State);
                Assert.Equal(TcpError.None, s.Ours.Error);
                break;
            case "TimeWait":
                // The peer's FIN again (our last ACK was lost): acknowledged, TIME-WAIT goes on.
                s.TsVal++;
                peer.Send(s.Segment(TcpFlags.Fin | TcpFlags.Ack, seq: s.Seq - 1));
                Assert.Equal(s.Seq, s.Expect(TcpFlags.Ack).Segment.Acknowledgment);
                Assert.Equal(TcpState.TimeWait, s.Ours.State);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Rfc9293_3_10_7_4_ARstAtExactlyRcvNxt_Closes_WithTheErrorTheStateCalls(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Rst));
        Assert.Equal(TcpState.Closed, s.Ours.State);
        // SYN-RECEIVED from a passive open goes back to LISTEN; ESTABLISHED through CLOSE-WAIT "connection reset";
        // CLOSING, LAST-ACK and TIME-WAIT just close.
        TcpError expected = state is "Established" or "FinWait1" or "FinWait2" or "CloseWait" ? TcpError.ConnectionReset : TcpError.None;
        Assert.Equal(expected, s.Ours.Error);
        peer.ExpectNothing();
        if (state == "SynReceived")
        {
            // Still listening: a new SYN on the port is answered.
            peer.Send(new TcpRepr { SourcePort = 40001, DestinationPort = Open.ServerPort, Sequence = 9, Flags = TcpFlags.Syn, Window = 1000, Options = TcpOptions.None });
            Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, peer.ExpectOne().Segment.Flags);
        }
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Rfc5961_3_2_ARstInTheWindowButNotAtRcvNxt_GetsAChallengeAck_AndTheConnectionLives(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Rst, seq: s.Seq + 1));
        Assert.Equal(state, s.Ours.State.ToString());
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Ack, ack.Flags & ~TcpFlags.Syn);
        Assert.Equal(s.Seq, ack.Acknowledgment);
        s.Note(ack);
        StillWorks(peer, s, state);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Rfc5961_3_2_ARstOutsideTheWindow_IsDroppedSilently_AndTheConnectionLives(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Rst, seq: s.Seq + 0x4000_0000));
        Assert.Equal(state, s.Ours.State.ToString());
        peer.ExpectNothing();
        StillWorks(peer, s, state);
    }

    public static TheoryData<string> SynchronizedStates() => new() { "Established", "FinWait1", "FinWait2", "CloseWait", "Closing", "LastAck", "TimeWait" };

    [Fact]
    public void Rfc9293_3_10_7_4_ASynInSynReceivedFromAPassiveOpen_ReturnsToListen()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, "SynReceived");
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Syn, seq: s.Seq + 7));
        Assert.Equal(TcpState.Closed, s.Ours.State);
        Assert.Equal(TcpError.None, s.Ours.Error);
        peer.ExpectNothing();
        // Still listening: the peer's next SYN opens afresh.
        peer.Send(new TcpRepr { SourcePort = 40002, DestinationPort = Open.ServerPort, Sequence = 77, Flags = TcpFlags.Syn, Window = 1000, Options = TcpOptions.None });
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, peer.ExpectOne().Segment.Flags);
    }

    [Theory]
    [MemberData(nameof(SynchronizedStates))]
    public void Rfc5961_4_2_ASynInASynchronizedState_GetsAChallengeAck_AndTheConnectionLives(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Syn, seq: s.Seq + 7));
        Assert.Equal(state, s.Ours.State.ToString());
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(s.Seq, ack.Acknowledgment);
        Assert.Equal((TcpFlags)0, ack.Flags & TcpFlags.Rst);
        s.Note(ack);
        StillWorks(peer, s, state);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Rfc9293_3_10_7_4_AnAckOfSomethingNeverSent_IsAnsweredAndDropped_AndTheConnectionLives(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Ack, ack: s.Ack + 100_000));
        Assert.Equal(state, s.Ours.State.ToString());
        var (reply, _) = peer.ExpectOne();
        if (state == "SynReceived")
        {
            // "If the segment acknowledgment is not acceptable, form a reset segment <SEQ=SEG.ACK><CTL=RST>."
            Assert.Equal(TcpFlags.Rst, reply.Flags);
            Assert.Equal(s.Ack + 100_000, reply.Sequence);
        }
        else
        {
            // "If the ACK acknowledges something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the segment."
            Assert.Equal(TcpFlags.Ack, reply.Flags);
            Assert.Equal(s.Seq, reply.Acknowledgment);
            s.Note(reply);
        }
        StillWorks(peer, s, state);
    }

    [Theory]
    [MemberData(nameof(States))]
    public void Rfc9293_3_10_7_4_ASegmentOutsideTheReceiveWindow_GetsAnAck_AndTheConnectionLives(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        s.TsVal++;
        peer.Send(s.Segment(TcpFlags.Ack | TcpFlags.Psh, seq: s.Seq + 0x4000_0000), "outside"u8);
        Assert.Equal(state, s.Ours.State.ToString());
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Ack, ack.Flags & ~TcpFlags.Syn);
        Assert.Equal(s.Seq, ack.Acknowledgment);
        Assert.Equal(0, s.Ours.ReceivableBytes);
        s.Note(ack);
        StillWorks(peer, s, state);
    }

    [Fact]
    public void Rfc9293_3_10_7_4_SimultaneousOpen_AnExactRstInSynReceived_IsConnectionRefused()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 300, Flags = TcpFlags.Syn, Window = 65535, Options = TcpOptions.None with { Mss = 1460 } });
        Assert.Equal(TcpState.SynReceived, c.State);
        peer.Drain();
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 301, Flags = TcpFlags.Rst, Window = 0, Options = TcpOptions.None });
        // "If this connection was initiated with an active OPEN (i.e., came from SYN-SENT state), then the connection was refused."
        Assert.Equal(TcpState.Closed, c.State);
        Assert.Equal(TcpError.ConnectionRefused, c.Error);
    }
}
