using TickToTrade.Net.Tcp;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Support;

/// <summary>Handshakes for the conformance tests.</summary>
public static class Open
{
    public const ushort ServerPort = 9000;
    public const uint PeerIss = 0x1000_0000;

    /// <summary>Our stack connects to the peer, which answers with <paramref name="options"/> (full features by default).</summary>
    public static PeerSession Active(ScriptedPeer peer, TcpOptions? options = null, uint peerIss = PeerIss)
    {
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, ServerPort), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Syn, syn.Flags);
        TcpOptions o = options ?? ScriptedPeer.FullOptions(500, syn.Options.TsVal);
        if (o.HasTimestamps)
            o.TsEcr = syn.Options.TsVal;
        var s = new PeerSession(peer, c, syn.SourcePort, o.HasTimestamps, peerPort: ServerPort) { Seq = peerIss, Ack = syn.Sequence + 1, TsVal = o.TsVal };
        var synAck = new TcpRepr
        {
            SourcePort = ServerPort,
            DestinationPort = syn.SourcePort,
            Sequence = peerIss,
            Acknowledgment = syn.Sequence + 1,
            Flags = TcpFlags.Syn | TcpFlags.Ack,
            Window = 65535,
            Options = o,
        };
        s.Note(syn);
        peer.Send(synAck, default, toPort: syn.SourcePort);
        s.Seq = peerIss + 1;
        s.Expect(TcpFlags.Ack);
        Assert.Equal(TcpState.Established, c.State);
        return s;
    }

    /// <summary>The peer connects to our listener; returns the accepted connection.</summary>
    public static PeerSession Passive(ScriptedPeer peer, TcpOptions? options = null, uint peerIss = PeerIss)
    {
        Assert.True(peer.Stack.Listen(ServerPort));
        TcpOptions o = options ?? ScriptedPeer.FullOptions(500);
        var syn = new TcpRepr
        {
            SourcePort = ScriptedPeer.PeerPort,
            DestinationPort = ServerPort,
            Sequence = peerIss,
            Flags = TcpFlags.Syn,
            Window = 65535,
            Options = o,
        };
        peer.Send(syn);
        var (synAck, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        Assert.Equal(peerIss + 1, synAck.Acknowledgment);
        var s = new PeerSession(peer, null!, ServerPort, o.HasTimestamps && synAck.Options.HasTimestamps)
        {
            Seq = peerIss + 1,
            Ack = synAck.Sequence + 1,
            TsVal = o.TsVal + 1,
        };
        s.Note(synAck);
        s.SendAck();
        TcpConnection accepted = peer.Stack.Accept(ServerPort) ?? throw new InvalidOperationException("not accepted");
        return new PeerSession(peer, accepted, ServerPort, s.Timestamps) { Seq = s.Seq, Ack = s.Ack, TsVal = s.TsVal, TsRecent = s.TsRecent };
    }
}
