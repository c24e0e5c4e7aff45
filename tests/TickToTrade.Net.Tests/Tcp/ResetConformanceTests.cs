using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>RST handling in every state (RFC 9293 §3.10.7) and the blind-injection defences of RFC 5961.</summary>
public sealed class ResetConformanceTests
{
    [Fact]
    public void Rfc9293_3_10_7_1_Closed_AnAckGetsRstWithItsAckAsSequence()
    {
        using var peer = new ScriptedPeer();
        peer.Send(new TcpRepr { Sequence = 5, Acknowledgment = 777, Flags = TcpFlags.Ack, Window = 100, Options = TcpOptions.None }, toPort: 1234);
        var (rst, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Rst, rst.Flags);
        Assert.Equal(777u, rst.Sequence);
    }

    [Fact]
    public void Rfc9293_3_10_7_1_Closed_ANonAckGetsRstAckCoveringTheSegment()
    {
        using var peer = new ScriptedPeer();
        peer.Send(new TcpRepr { Sequence = 5, Flags = TcpFlags.Syn, Window = 100, Options = TcpOptions.None }, toPort: 1234);
        var (rst, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Rst | TcpFlags.Ack, rst.Flags);
        Assert.Equal(0u, rst.Sequence);
        Assert.Equal(6u, rst.Acknowledgment); // SEG.SEQ + SEG.LEN, the SYN counts one
        Assert.Equal(1, peer.Stack.TcpCounters.NoConnection);
    }

    [Fact]
    public void Rfc9293_3_10_7_1_Closed_ARstIsNeverAnswered()
    {
        using var peer = new ScriptedPeer();
        peer.Send(new TcpRepr { Sequence = 5, Flags = TcpFlags.Rst, Options = TcpOptions.None }, toPort: 1234);
        peer.ExpectNothing();
    }

    [Fact]
    public void Rfc9293_3_10_7_2_Listen_AnAckGetsRst_AndARstIsIgnored()
    {
        using var peer = new ScriptedPeer();
        peer.Stack.Listen(9000);
        peer.Send(new TcpRepr { Sequence = 5, Acknowledgment = 99, Flags = TcpFlags.Ack, Options = TcpOptions.None }, toPort: 9000);
        var (rst, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Rst, rst.Flags);
        Assert.Equal(99u, rst.Sequence);
        peer.Send(new TcpRepr { Sequence = 5, Flags = TcpFlags.Rst, Options = TcpOptions.None }, toPort: 9000);
        peer.ExpectNothing();
    }

    [Fact]
    public void Rfc9293_3_10_7_3_SynSent_RstAcknowledgingOurSyn_IsConnectionRefused()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        // A RST without an acceptable ACK is dropped (RFC 5961 §3.2 / RFC 9293).
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 0, Flags = TcpFlags.Rst, Options = TcpOptions.None });
        Assert.Equal(TcpState.SynSent, c.State);
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 0, Acknowledgment = syn.Sequence + 1, Flags = TcpFlags.Rst | TcpFlags.Ack, Options = TcpOptions.None });
        Assert.Equal(TcpState.Closed, c.State);
        Assert.Equal(TcpError.ConnectionRefused, c.Error);
    }

    [Fact]
    public void Rfc9293_3_10_7_3_SynSent_AnAckOfSomethingElseGetsRst()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 50, Acknowledgment = syn.Sequence + 1000, Flags = TcpFlags.Syn | TcpFlags.Ack, Options = TcpOptions.None });
        var (rst, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Rst, rst.Flags);
        Assert.Equal(syn.Sequence + 1000, rst.Sequence);
        Assert.Equal(TcpState.SynSent, c.State);
    }

    [Fact]
    public void Rfc9293_3_10_7_4_SynReceived_RstReturnsTheListenerToListen()
    {
        using var peer = new ScriptedPeer();
        peer.Stack.Listen(9000);
        peer.Send(new TcpRepr { Sequence = 100, Flags = TcpFlags.Syn, Window = 1000, Options = TcpOptions.None }, toPort: 9000);
        var (synAck, _) = peer.ExpectOne();
        peer.Send(new TcpRepr { Sequence = 101, Flags = TcpFlags.Rst, Options = TcpOptions.None }, toPort: 9000);
        peer.ExpectNothing();
        Assert.Null(peer.Stack.Accept(9000));
        // Still listening: a new SYN is answered.
        peer.Send(new TcpRepr { Sequence = 500, Flags = TcpFlags.Syn, Window = 1000, Options = TcpOptions.None }, toPort: 9000);
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, peer.ExpectOne().Segment.Flags);
        _ = synAck;
    }

    public static TheoryData<string> SynchronizedStates() => new() { "Established", "FinWait1", "FinWait2", "CloseWait", "LastAck" };

    [Theory]
    [MemberData(nameof(SynchronizedStates))]
    public void Rfc5961_3_2_ExactRst_ClosesTheConnection(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        peer.Send(s.Segment(TcpFlags.Rst));
        Assert.Equal(TcpState.Closed, s.Ours.State);
        Assert.Equal(state == "LastAck" ? TcpError.None : TcpError.ConnectionReset, s.Ours.Error);
        peer.ExpectNothing();
    }

    [Theory]
    [MemberData(nameof(SynchronizedStates))]
    public void Rfc5961_3_2_InWindowButInexactRst_GetsAChallengeAck(string state)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = ConnectionStates.Drive(peer, state);
        peer.Send(s.Segment(TcpFlags.Rst, seq: s.Seq + 100));
        Assert.Equal(state, s.Ours.State.ToString());
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Ack, ack.Flags);
        Assert.Equal(s.Seq, ack.Acknowledgment);
        Assert.Equal(1, peer.Stack.TcpCounters.ChallengeAcks);
    }

    [Fact]
    public void Rfc5961_3_2_RstOutsideTheWindow_IsSilentlyDropped()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        peer.Send(s.Segment(TcpFlags.Rst, seq: s.Seq + 0x4000_0000));
        Assert.Equal(TcpState.Established, s.Ours.State);
        peer.ExpectNothing();
        Assert.Equal(1, peer.Stack.TcpCounters.ResetsIgnored);
    }

    [Fact]
    public void Rfc5961_4_2_SynInASynchronizedState_GetsAChallengeAck_AndChangesNothing()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        peer.Send(s.Segment(TcpFlags.Syn, seq: s.Seq + 12345));
        Assert.Equal(TcpState.Established, s.Ours.State);
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Ack, ack.Flags);
        Assert.Equal(s.Seq, ack.Acknowledgment);
    }

    [Fact]
    public void Rfc5961_5_2_AckOfDataNeverSent_IsDroppedWithAChallengeAck_AndItsDataIgnored()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        TcpRepr injected = s.Segment(TcpFlags.Ack | TcpFlags.Psh, ack: s.Ack + 5000);
        peer.Send(injected, "evil"u8);
        Assert.Equal(0, s.Ours.ReceivableBytes);
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(s.Seq, ack.Acknowledgment);
        Assert.Equal(1, peer.Stack.TcpCounters.AckTooNew);
    }

    [Fact]
    public void Rfc5961_5_2_AckFarBelowTheWindow_IsDroppedWithAChallengeAck()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        peer.Send(s.Segment(TcpFlags.Ack | TcpFlags.Psh, ack: s.Ack - 0x2000_0000), "evil"u8);
        Assert.Equal(0, s.Ours.ReceivableBytes);
        Assert.Single(peer.Drain());
        Assert.Equal(1, peer.Stack.TcpCounters.AckTooOld);
    }

    [Fact]
    public void Rfc5961_7_ChallengeAcks_AreRateLimitedPerSecond()
    {
        using var peer = new ScriptedPeer(new TcpConfig { ChallengeAckLimit = 5 });
        PeerSession s = Open.Active(peer);
        for (int i = 0; i < 20; i++)
            peer.Send(s.Segment(TcpFlags.Syn, seq: s.Seq + 10 + (uint)i));
        Assert.Equal(5, peer.Drain().Count);
        Assert.Equal(5, peer.Stack.TcpCounters.ChallengeAcks);
        Assert.Equal(15, peer.Stack.TcpCounters.ChallengeAcksSuppressed);
        peer.Advance(1_000_000_000);
        peer.Send(s.Segment(TcpFlags.Syn, seq: s.Seq + 99));
        Assert.Single(peer.Drain()); // a new second, a new budget
    }

    [Fact]
    public void Rfc9293_3_1_BadChecksum_IsCountedAndDropped()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        peer.Send(s.Segment(TcpFlags.Ack | TcpFlags.Psh), "data"u8, corruptChecksum: true);
        Assert.Equal(0, s.Ours.ReceivableBytes);
        peer.ExpectNothing();
        Assert.Equal(1, peer.Stack.TcpCounters.ChecksumFailures);
    }
}
