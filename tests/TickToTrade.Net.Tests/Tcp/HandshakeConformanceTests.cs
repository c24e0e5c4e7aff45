using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>Opening: RFC 9293 §3.5 with the options of RFC 9293 §3.7.1, RFC 7323 and RFC 2018, offered and absent.</summary>
public sealed class HandshakeConformanceTests
{
    [Fact]
    public void Rfc9293_3_5_ActiveOpen_SynOffersMssWindowScaleSackAndTimestamps()
    {
        using var peer = new ScriptedPeer();
        peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now);
        var (syn, payload) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Syn, syn.Flags);
        Assert.Empty(payload);
        Assert.Equal(1460, syn.Options.Mss);
        Assert.Equal((int)peer.Config.ReceiveWindowShift, (int)syn.Options.WindowScale);
        Assert.True(syn.Options.SackPermitted);
        Assert.True(syn.Options.HasTimestamps);
        Assert.Equal(0u, syn.Options.TsEcr);
        Assert.InRange(syn.SourcePort, 49152, 65535); // RFC 6335 dynamic range
    }

    [Fact]
    public void Rfc9293_3_5_ActiveOpen_WithEveryOption_NegotiatesEach()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        Assert.True(s.Ours.TimestampsEnabled);
        Assert.True(s.Ours.SackEnabled);
        Assert.Equal(7, s.Ours.SendWindowShift);
        Assert.Equal((int)peer.Config.ReceiveWindowShift, s.Ours.ReceiveWindowShift);
        // RFC 7323 §2.2: the SYN,ACK's window is taken as is; every later one is scaled (65535 << 7).
        Assert.Equal(65535L, s.Ours.SendWindow);
        s.SendAck();
        Assert.Equal(65535L << 7, s.Ours.SendWindow);
    }

    [Fact]
    public void Rfc9293_3_7_1_ActiveOpen_WithNoOptions_Uses536AndNoScalingTimestampsOrSack()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer, TcpOptions.None);
        Assert.False(s.Ours.TimestampsEnabled);
        Assert.False(s.Ours.SackEnabled);
        Assert.Equal(0, s.Ours.SendWindowShift);
        Assert.Equal(536, s.Ours.PeerMss);
        s.Ours.Send(new byte[1200]);
        peer.Advance(1000);
        var segments = peer.Drain();
        Assert.Equal(new[] { 536, 536, 128 }, segments.Select(x => x.Payload.Length));
        Assert.All(segments, x => Assert.False(x.Segment.Options.HasTimestamps)); // RFC 7323 §3.2: only if both sent it
    }

    [Fact]
    public void Rfc9293_3_10_7_2_PassiveOpen_SynAckCarriesOnlyWhatThePeerOffered()
    {
        using var peer = new ScriptedPeer();
        Assert.True(peer.Stack.Listen(9000));
        peer.Send(new TcpRepr { Sequence = 77, Flags = TcpFlags.Syn, Window = 8192, Options = TcpOptions.None with { Mss = 1200 } }, toPort: 9000);
        var (synAck, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        Assert.Equal(78u, synAck.Acknowledgment);
        Assert.Equal(1460, synAck.Options.Mss);
        Assert.Equal(-1, (int)synAck.Options.WindowScale);
        Assert.False(synAck.Options.SackPermitted);
        Assert.False(synAck.Options.HasTimestamps);
    }

    [Fact]
    public void Rfc9293_3_10_7_2_PassiveOpen_WithEveryOption_EchoesTheTimestampAndAccepts()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Passive(peer);
        Assert.Equal(TcpState.Established, s.Ours.State);
        Assert.True(s.Ours.TimestampsEnabled && s.Ours.SackEnabled);
        s.SendData("ping"u8);
        s.Expect(TcpFlags.Ack);
        var buffer = new byte[16];
        Assert.Equal(4, s.Ours.Receive(buffer));
    }

    [Fact]
    public void Rfc9293_3_5_SimultaneousOpen_SynReceivedThenEstablished()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        // Figure 8: the peer's own SYN crosses ours.
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 300, Flags = TcpFlags.Syn, Window = 65535, Options = TcpOptions.None with { Mss = 1460 } });
        Assert.Equal(TcpState.SynReceived, c.State);
        var (synAck, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        Assert.Equal(syn.Sequence, synAck.Sequence);
        Assert.Equal(301u, synAck.Acknowledgment);
        // The peer's SYN,ACK of our SYN completes it.
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 300, Acknowledgment = syn.Sequence + 1, Flags = TcpFlags.Syn | TcpFlags.Ack, Window = 65535, Options = TcpOptions.None });
        peer.Send(new TcpRepr { SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 301, Acknowledgment = syn.Sequence + 1, Flags = TcpFlags.Ack, Window = 65535, Options = TcpOptions.None });
        Assert.Equal(TcpState.Established, c.State);
    }

    [Fact]
    public void Rfc9293_3_5_SimultaneousOpen_WithEveryOption_AndTsecrEchoingOurSyn_AnswersSynAckAtOnce()
    {
        using var peer = new ScriptedPeer();
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        var (syn, _) = peer.ExpectOne();
        // The crossing SYN as Linux sends it: MSS, SACK-permitted, window scale and timestamps, its TSecr
        // echoing our SYN's TSval. RFC 7323 §3.2: TSecr is not valid without ACK, so it must be ignored.
        peer.Send(new TcpRepr
        {
            SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 300, Flags = TcpFlags.Syn, Window = 64240,
            Options = ScriptedPeer.FullOptions(7000, syn.Options.TsVal),
        });
        Assert.Equal(TcpState.SynReceived, c.State);
        var (synAck, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Syn | TcpFlags.Ack, synAck.Flags);
        Assert.Equal(syn.Sequence, synAck.Sequence);
        Assert.Equal(301u, synAck.Acknowledgment);
        Assert.True(synAck.Options.HasTimestamps);
        Assert.Equal(7000u, synAck.Options.TsEcr);
        Assert.True(synAck.Options.SackPermitted);
        Assert.Equal((int)peer.Config.ReceiveWindowShift, (int)synAck.Options.WindowScale);
        // The peer's SYN,ACK (it got our SYN too) completes the handshake, with the options agreed.
        peer.Send(new TcpRepr
        {
            SourcePort = 9000, DestinationPort = syn.SourcePort, Sequence = 300, Acknowledgment = syn.Sequence + 1, Flags = TcpFlags.Syn | TcpFlags.Ack, Window = 64240,
            Options = ScriptedPeer.FullOptions(7001, synAck.Options.TsVal),
        });
        Assert.Equal(TcpState.Established, c.State);
        Assert.True(c.TimestampsEnabled && c.SackEnabled);
        Assert.Equal(7, c.SendWindowShift);
        Assert.Equal(64240L, c.SendWindow); // RFC 7323 §2.2: the SYN,ACK's window is taken unscaled
        var (ack, _) = peer.ExpectOne();
        Assert.Equal(TcpFlags.Ack, ack.Flags);
        Assert.Equal(301u, ack.Acknowledgment);
        // Nothing more: no bare SYN a second later, no SYN,ACK retransmission.
        peer.ExpectQuietFor(3_000_000_000);
    }

    [Fact]
    public void Rfc6298_5_5_UnansweredSyn_IsRetransmittedWithDoublingTimeouts_ThenTheConnectionTimesOut()
    {
        using var peer = new ScriptedPeer(new TcpConfig { MaxSynRetransmissions = 3 });
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, 9000), peer.Now)!;
        Assert.Single(peer.Drain());
        long last = peer.Now;
        var gaps = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            while (peer.Drain().Count == 0)
                peer.Advance(10_000_000);
            gaps.Add(peer.Now - last);
            last = peer.Now;
        }
        // 1 s, 2 s, 4 s (RFC 6298 §2.1 initial RTO, §5.5 doubling), within the 10 ms step.
        Assert.InRange(gaps[0], 1_000_000_000, 1_010_000_000);
        Assert.InRange(gaps[1], 2_000_000_000, 2_010_000_000);
        Assert.InRange(gaps[2], 4_000_000_000, 4_010_000_000);
        peer.Advance(8_100_000_000);
        Assert.Equal(TcpState.Closed, c.State);
        Assert.Equal(TcpError.TimedOut, c.Error);
    }

    [Fact]
    public void Rfc6528_IsnDiffersPerFourTupleAndAdvancesWithTheClock()
    {
        using var peer = new ScriptedPeer();
        var isn = peer.Stack.Isn;
        var a = Wire.Ipv4.Ipv4Address.Parse("198.51.100.2");
        var b = Wire.Ipv4.Ipv4Address.Parse("198.51.100.1");
        uint x = isn.Next(a, 50000, b, 9000, 0);
        uint y = isn.Next(a, 50001, b, 9000, 0);
        Assert.NotEqual(x, y);
        Assert.Equal(x + 250, isn.Next(a, 50000, b, 9000, 1_000_000)); // M ticks every 4 µs
    }
}
