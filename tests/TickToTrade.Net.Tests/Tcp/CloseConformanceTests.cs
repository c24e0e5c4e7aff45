using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>Closing (RFC 9293 §3.6): orderly, half-closed, simultaneous; and TIME-WAIT (§3.4.2, §3.10.8).</summary>
public sealed class CloseConformanceTests
{
    [Fact]
    public void Rfc9293_3_6_OurCloseFirst_FinWait1_FinWait2_TimeWait_ThenClosedAfterTwoMsl()
    {
        using var peer = new ScriptedPeer(new TcpConfig { TimeWait = 3_000_000_000 });
        PeerSession s = Open.Active(peer);
        s.Ours.Close();
        peer.Advance(1000);
        var (fin, _) = s.Expect(TcpFlags.Fin | TcpFlags.Ack);
        Assert.Equal(TcpState.FinWait1, s.Ours.State);
        s.Ack = fin.Sequence + 1;
        s.SendAck();
        Assert.Equal(TcpState.FinWait2, s.Ours.State);
        s.SendFin();
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(s.Seq, ack.Acknowledgment);
        Assert.Equal(TcpState.TimeWait, s.Ours.State);
        // A retransmitted FIN in TIME-WAIT is acknowledged again and restarts the 2 MSL timer.
        peer.Advance(2_000_000_000);
        s.Seq--;
        s.SendFin();
        s.Expect(TcpFlags.Ack);
        peer.Advance(2_500_000_000);
        Assert.Equal(TcpState.TimeWait, s.Ours.State);
        peer.Advance(600_000_000);
        Assert.Equal(TcpState.Closed, s.Ours.State);
        Assert.Equal(TcpError.None, s.Ours.Error);
    }

    [Fact]
    public void Rfc9293_3_6_PeerClosesFirst_CloseWait_LastAck_Closed()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Passive(peer);
        s.SendFin();
        s.Expect(TcpFlags.Ack);
        Assert.Equal(TcpState.CloseWait, s.Ours.State);
        Assert.True(s.Ours.ReceiveFinished);
        s.Ours.Close();
        peer.Advance(1000);
        var (fin, _) = s.Expect(TcpFlags.Fin | TcpFlags.Ack);
        Assert.Equal(TcpState.LastAck, s.Ours.State);
        s.SendAck(fin.Sequence + 1);
        Assert.Equal(TcpState.Closed, s.Ours.State);
    }

    [Fact]
    public void Rfc9293_3_6_HalfClose_WeStillReceiveAfterOurFin()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Ours.Send("last order"u8);
        s.Ours.Close();
        peer.Advance(1000);
        var (fin, data) = s.Expect(TcpFlags.Fin | TcpFlags.Ack | TcpFlags.Psh);
        Assert.Equal("last order"u8.ToArray(), data);
        Assert.Equal(0, s.Ours.Send("more"u8)); // our direction is closed
        s.Ack = fin.Sequence + (uint)data.Length + 1;
        s.SendAck();
        Assert.Equal(TcpState.FinWait2, s.Ours.State);
        s.SendData("fills keep coming"u8);
        s.Expect(TcpFlags.Ack);
        var buffer = new byte[64];
        Assert.Equal(17, s.Ours.Receive(buffer));
    }

    [Fact]
    public void Rfc9293_3_6_SimultaneousClose_Closing_ThenTimeWait()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        s.Ours.Close();
        peer.Advance(1000);
        var (fin, _) = s.Expect(TcpFlags.Fin | TcpFlags.Ack);
        // The peer's FIN crosses ours: it does not acknowledge our FIN yet.
        s.SendFin();
        Assert.Equal(TcpState.Closing, s.Ours.State);
        s.Expect(TcpFlags.Ack);
        s.SendAck(fin.Sequence + 1);
        Assert.Equal(TcpState.TimeWait, s.Ours.State);
    }

    [Fact]
    public void Rfc9293_3_10_4_CloseWhileDataIsQueued_SendsAllDataThenTheFin()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer, ScriptedPeer.FullOptions(500) with { Mss = 1000 });
        s.Ours.Send(new byte[2500]);
        s.Ours.Close();
        peer.Advance(1000);
        var segments = peer.Drain();
        Assert.Equal(new[] { 988, 988, 524 }, segments.Select(x => x.Payload.Length)); // 1000 − 12 bytes of timestamps
        Assert.Equal(TcpFlags.Fin, segments[2].Segment.Flags & TcpFlags.Fin);
        Assert.All(segments.Take(2), x => Assert.Equal(TcpFlags.None, x.Segment.Flags & TcpFlags.Fin));
    }
}
