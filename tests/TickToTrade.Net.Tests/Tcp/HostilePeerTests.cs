using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>Regressions for peers that behave badly or unluckily: each found by reading the code cold.</summary>
public sealed class HostilePeerTests
{
    [Fact]
    public void ATinyAnnouncedMss_IsRaised_AndTheLoopStillReturnsAndSends()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer, ScriptedPeer.FullOptions(500) with { Mss = 1 });
        Assert.Equal(64, s.Ours.PeerMss);
        s.Ours.Send(new byte[200]);
        peer.Advance(1000); // returns: no spinning on zero-length segments
        var segments = peer.Drain();
        Assert.Equal(200, segments.Sum(x => x.Payload.Length));
        Assert.All(segments, x => Assert.True(x.Payload.Length <= 64 - 12));
    }

    [Fact]
    public void ARetransmissionCoveringSeveralHeldRanges_MakesThemAllReadable()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        uint a = s.Seq;
        var data = new byte[500];
        new Random(9).NextBytes(data);
        // Hold [100,200) and [300,500); then [0,300) arrives in one piece, swallowing the first range.
        s.Seq = a + 100; s.SendData(data.AsSpan(100, 100));
        s.Seq = a + 300; s.SendData(data.AsSpan(300, 200));
        s.Seq = a; s.SendData(data.AsSpan(0, 300));
        var (ack, _) = peer.Drain().Last();
        Assert.Equal(a + 500, ack.Acknowledgment);
        var read = new byte[500];
        Assert.Equal(500, s.Ours.Receive(read));
        Assert.Equal(data, read);
    }

    [Fact]
    public void AfterOurFin_ALateAck_NeverDrawsDataPastTheFin()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Ours.Send("bye"u8);
        s.Ours.Close();
        peer.Advance(1000);
        var (fin, _) = s.Expect(TcpFlags.Fin | TcpFlags.Ack | TcpFlags.Psh);
        uint finSeq = fin.Sequence + 3;
        // The peer holds its ACK past the probe timeout; whatever we send is the FIN again, nothing beyond.
        for (int i = 0; i < 50; i++)
            peer.Advance(1_000_000);
        foreach (var (seg, payload) in peer.Drain())
            Assert.True(seg.Sequence + (uint)payload.Length <= finSeq, $"sent {ScriptedPeer.Describe(seg, payload.Length)} past the FIN at {finSeq}");
        s.SendAck(finSeq + 1);
        Assert.Equal(TcpState.FinWait2, s.Ours.State);
    }

    [Fact]
    public void CloseDuringSynReceived_FinishesTheHandshakeFirst_ThenSendsTheFin()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 300, Flags = TcpFlags.Syn, Window = 65535, Options = TcpOptions.None with { Mss = 1460 } });
        peer.Drain(); // our SYN,ACK
        c.Close();
        Assert.Equal(TcpState.SynReceived, c.State);
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 301, Acknowledgment = syn.Sequence + 1, Flags = TcpFlags.Ack, Window = 65535, Options = TcpOptions.None });
        Assert.Equal(TcpState.FinWait1, c.State);
        var (fin, payload) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Fin | TcpFlags.Ack, fin.Flags);
        Assert.Equal(syn.Sequence + 1, fin.Sequence);
        Assert.Empty(payload);
    }

    [Fact]
    public void Rfc5927_AnIcmpErrorQuotingASequenceNumberNotInFlight_IsIgnored()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        peer.ExpectOne();
        // (The stack finds the connection from the quoted ports; LinkLayerTests covers that path end to end.)
        c.Unreachable(Wire.Icmp.IcmpType.CodePortUnreachable, c.InitialSendSequence + 12345u);
        Assert.Equal(TcpState.SynSent, c.State);
        c.Unreachable(Wire.Icmp.IcmpType.CodePortUnreachable, c.InitialSendSequence);
        Assert.Equal(TcpState.Closed, c.State);
    }

    [Fact]
    public void ASynFlood_LeavesASlotForOurOwnConnect()
    {
        using var peer = new ScriptedPeer();
        peer.Stack.Listen(9000);
        for (int i = 0; i < 20; i++)
            peer.Send(new TcpRepr { SourcePort = (ushort)(20000 + i), DestinationPort = 9000, Sequence = 1000, Flags = TcpFlags.Syn, Window = 1000, Options = TcpOptions.None });
        Assert.True(peer.Stack.TcpCounters.ListenQueueFull >= 13);
        Assert.NotNull(peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9100), peer.Now));
    }

    [Fact]
    public void Rfc9293_3_8_6_1_TheAnswerToAZeroWindowProbe_IsNoLossSignal()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Window = 0;
        s.SendAck();
        s.Ours.Send("x"u8);
        for (int i = 0; i < 30 && peer.Stack.TcpCounters.ZeroWindowProbes == 0; i++)
            peer.Advance(10_000_000);
        peer.Drain();
        for (int i = 0; i < 5; i++)
            s.SendAck();
        Assert.Equal(0, peer.Stack.TcpCounters.FastRetransmits);
    }
}
