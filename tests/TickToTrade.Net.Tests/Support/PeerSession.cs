using TickToTrade.Net.Tcp;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Support;

/// <summary>
/// One scripted connection: the peer's own sequence state (what it has sent,
/// what it acknowledges, its timestamp clock) and our connection object, with
/// helpers that build the peer's segments the way a conforming TCP would.
/// </summary>
public sealed class PeerSession(ScriptedPeer peer, TcpConnection ours, ushort ourPort, bool timestamps, ushort peerPort = ScriptedPeer.PeerPort)
{
    /// <summary>The peer's port: 9000 when we connected to it, else the port it connected from.</summary>
    public ushort PeerPort { get; } = peerPort;
    public ScriptedPeer Peer { get; } = peer;
    public TcpConnection Ours { get; } = ours;
    public ushort OurPort { get; } = ourPort;
    /// <summary>The peer's next sequence number.</summary>
    public uint Seq { get; set; }
    /// <summary>What the peer acknowledges (our next byte).</summary>
    public uint Ack { get; set; }
    public ushort Window { get; set; } = 65535;
    public uint TsVal { get; set; } = 1000;
    /// <summary>The last TSval we sent (the peer echoes it).</summary>
    public uint TsRecent { get; set; }
    public bool Timestamps { get; } = timestamps;

    public TcpRepr Segment(TcpFlags flags, uint? seq = null, uint? ack = null)
    {
        var r = new TcpRepr
        {
            SourcePort = PeerPort,
            DestinationPort = OurPort,
            Sequence = seq ?? Seq,
            Acknowledgment = (flags & TcpFlags.Ack) != 0 ? ack ?? Ack : 0,
            Flags = flags,
            Window = Window,
            Options = TcpOptions.None,
        };
        if (Timestamps)
        {
            r.Options.HasTimestamps = true;
            r.Options.TsVal = TsVal;
            r.Options.TsEcr = TsRecent;
        }
        return r;
    }

    /// <summary>The peer sends data (with ACK) and advances its sequence number.</summary>
    public void SendData(ReadOnlySpan<byte> data, TcpFlags extra = 0)
    {
        TsVal++;
        Peer.Send(Segment(TcpFlags.Ack | TcpFlags.Psh | extra), data);
        Seq += (uint)data.Length + ((extra & TcpFlags.Fin) != 0 ? 1u : 0u);
    }

    public void SendAck(uint? ack = null)
    {
        TsVal++;
        Peer.Send(Segment(TcpFlags.Ack, ack: ack));
    }

    public void SendFin()
    {
        TsVal++;
        Peer.Send(Segment(TcpFlags.Fin | TcpFlags.Ack));
        Seq++;
    }

    /// <summary>Reads one segment from us, remembers its TSval, and checks it acknowledges what the peer sent.</summary>
    public (TcpRepr Segment, byte[] Payload) Expect(TcpFlags flags)
    {
        var (s, p) = Peer.ExpectOne();
        Assert.True(s.Flags == flags, $"expected [{flags}], got {ScriptedPeer.Describe(s, p.Length)}");
        Note(s);
        return (s, p);
    }

    public void Note(TcpRepr s)
    {
        if (s.Options.HasTimestamps)
            TsRecent = s.Options.TsVal;
    }
}
