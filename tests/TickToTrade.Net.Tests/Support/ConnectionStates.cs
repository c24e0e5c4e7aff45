using TickToTrade.Net.Tcp;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Support;

/// <summary>Drives a fresh scripted connection into any RFC 9293 state from SYN-RECEIVED to TIME-WAIT, for the per-state conformance tests.</summary>
public static class ConnectionStates
{
    /// <summary>A connection in <paramref name="state"/>, with the peer's sequence state in the session.</summary>
    public static PeerSession Drive(ScriptedPeer peer, string state)
    {
        PeerSession s;
        if (state == "SynReceived")
        {
            Assert.True(peer.Stack.Listen(Open.ServerPort));
            peer.Send(new TcpRepr { SourcePort = ScriptedPeer.PeerPort, DestinationPort = Open.ServerPort, Sequence = Open.PeerIss, Flags = TcpFlags.Syn, Window = 65535, Options = ScriptedPeer.FullOptions(500) });
            var (synAck, _) = peer.ExpectOne();
            TcpConnection c = peer.Stack.FindConnection(new TcpEndpoint(ScriptedPeer.PeerIp, ScriptedPeer.PeerPort), Open.ServerPort)!;
            s = new PeerSession(peer, c, Open.ServerPort, timestamps: true) { Seq = Open.PeerIss + 1, Ack = synAck.Sequence + 1, TsVal = 501 };
            s.Note(synAck);
        }
        else
        {
            s = Open.Active(peer);
        }
        switch (state)
        {
            case "FinWait1":
                OurFin(peer, s);
                break;
            case "FinWait2":
                OurFin(peer, s);
                s.Ack++;
                s.SendAck();
                break;
            case "CloseWait":
                s.SendFin();
                s.Expect(TcpFlags.Ack);
                break;
            case "Closing":
                OurFin(peer, s); // ours is out, unacknowledged; theirs crosses it
                s.SendFin();
                s.Expect(TcpFlags.Ack);
                break;
            case "LastAck":
                s.SendFin();
                s.Expect(TcpFlags.Ack);
                OurFin(peer, s);
                break;
            case "TimeWait":
                OurFin(peer, s);
                s.Ack++;
                s.SendAck();
                s.SendFin();
                s.Expect(TcpFlags.Ack);
                break;
        }
        Assert.Equal(state, s.Ours.State.ToString());
        return s;
    }

    /// <summary>We close: our FIN goes out.</summary>
    public static void OurFin(ScriptedPeer peer, PeerSession s)
    {
        s.Ours.Close();
        peer.Advance(1000);
        s.Expect(TcpFlags.Fin | TcpFlags.Ack);
    }
}
