using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.Wire;
using TickToTrade.Wire.Arp;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Support;

/// <summary>
/// Packet-trace conformance harness (in the manner of smoltcp's tests): our
/// stack at 198.51.100.2 on one end of the in-memory pair; the test plays the
/// remote TCP at 198.51.100.1 by writing exact segments and reading exactly what
/// our stack answers.
/// What it once lacked, and so let defects through: it answered every ARP request
/// at once (so nothing ever waited behind ARP, and a copy sent twice could not be
/// seen: <see cref="AnswerArp"/>), it could not cut a datagram into IP fragments
/// (<see cref="SendFragments"/>), and no test looked past the answer it expected
/// for a late, unwanted one (<see cref="ExpectQuietFor"/>).
/// </summary>
public sealed class ScriptedPeer : IDisposable
{
    public static readonly Ipv4Address OurIp = Ipv4Address.Parse("198.51.100.2");
    public static readonly Ipv4Address PeerIp = Ipv4Address.Parse("198.51.100.1");
    public static readonly MacAddress OurMac = new(0x02_00_00_00_00_02);
    public static readonly MacAddress PeerMac = new(0x02_00_00_00_00_01);
    public const ushort PeerPort = 40000;

    private readonly MemoryPortPair _pair = new(1024, 1024);
    private MemoryPort _peer;
    private readonly PacketBuffer[] _frames = new PacketBuffer[32];

    public ScriptedPeer(TcpConfig? config = null)
    {
        _peer = _pair.B;
        var random = new Xoshiro256(99);
        Config = config ?? new TcpConfig();
        Stack = new NetStack<MemoryPort>(_pair.A, new InterfaceConfig(OurMac, OurIp, 24), Config, ref random);
        Stack.Poll(Now);
        Drain(); // the gratuitous ARP
    }

    public TcpConfig Config { get; }

    /// <summary>Answer our ARP requests as they arrive (the default); false leaves them unanswered (counted in <see cref="ArpRequestsSeen"/>) until <see cref="AnswerArpNow"/>.</summary>
    public bool AnswerArp { get; set; } = true;
    public int ArpRequestsSeen { get; private set; }

    /// <summary>Sends the ARP reply our stack is waiting for, and lets it process it.</summary>
    public void AnswerArpNow()
    {
        ReplyArp();
        Stack.Poll(Now);
    }

    /// <summary>
    /// Sends one TCP segment as IPv4 fragments (RFC 791 §3.2) cut at the given offsets into the
    /// TCP bytes (multiples of 8), in the given order of pieces; <paramref name="forge"/> changes a
    /// piece's bytes before it goes (an overlap attack). Lets the stack process each.
    /// </summary>
    public void SendFragments(TcpRepr segment, ReadOnlySpan<byte> payload, int[] cuts, int[] order, ushort id, Action<int, byte[]>? forge = null)
    {
        if (segment.SourcePort == 0)
            segment.SourcePort = PeerPort;
        byte[] tcp = new byte[segment.HeaderLength + payload.Length];
        payload.CopyTo(tcp.AsSpan(segment.HeaderLength));
        segment.Emit(tcp, PeerIp, OurIp, payload.Length);
        var bounds = new List<int> { 0 };
        bounds.AddRange(cuts);
        bounds.Add(tcp.Length);
        foreach (int piece in order)
        {
            int from = bounds[piece], to = bounds[piece + 1];
            byte[] data = tcp[from..to];
            forge?.Invoke(piece, data);
            bool more = piece < bounds.Count - 2;
            Span<PacketBuffer> one = _frames.AsSpan(0, 1);
            Assert.Equal(1, _peer.Allocate(one));
            Assert.True(one[0].TryAppend(14 + 20 + data.Length, out Span<byte> frame));
            new EthernetRepr(OurMac, PeerMac, EtherType.Ipv4).Emit(frame);
            new Ipv4Repr(PeerIp, OurIp, IpProtocol.Tcp, data.Length, Identification: id, DontFragment: false).Emit(frame[14..]);
            BigEndian.WriteU16(frame, 14 + 6, (ushort)((more ? 0x2000 : 0) | (from / 8)));
            BigEndian.WriteU16(frame, 14 + 10, 0);
            BigEndian.WriteU16(frame, 14 + 10, InternetChecksum.Compute(frame.Slice(14, 20)));
            data.CopyTo(frame[34..]);
            Assert.Equal(1, _peer.Transmit(one));
            Stack.Poll(Now);
        }
    }

    /// <summary>Lets <paramref name="nanoseconds"/> of time pass in small steps and checks our stack sent nothing meanwhile (no late retransmission, no stray SYN).</summary>
    public void ExpectQuietFor(long nanoseconds)
    {
        long end = Now + nanoseconds;
        while (Now < end)
        {
            Advance(Math.Min(10_000_000, end - Now));
            ExpectNothing();
        }
    }
    public NetStack<MemoryPort> Stack { get; }
    public long Now { get; private set; } = 1_000_000_000;

    /// <summary>Fixes the next ISN our stack chooses (sequence wrap-around tests).</summary>
    public void FixNextIsn(uint isn) => Stack.Isn.FixedNext = isn;

    public void Advance(long nanoseconds)
    {
        Now += nanoseconds;
        Stack.Poll(Now);
    }

    /// <summary>Sends one segment from the peer to our stack and lets it process it (with <paramref name="poll"/> false, it waits on the wire for the next poll, so several arrive in one burst).</summary>
    public void Send(TcpRepr segment, ReadOnlySpan<byte> payload = default, ushort? toPort = null, bool corruptChecksum = false, bool poll = true)
    {
        if (toPort is ushort p)
            segment.DestinationPort = p;
        if (segment.SourcePort == 0)
            segment.SourcePort = PeerPort;
        int tcpLength = segment.HeaderLength + payload.Length;
        Span<PacketBuffer> one = _frames.AsSpan(0, 1);
        Assert.Equal(1, _peer.Allocate(one));
        Assert.True(one[0].TryAppend(14 + 20 + tcpLength, out Span<byte> frame));
        new EthernetRepr(OurMac, PeerMac, EtherType.Ipv4).Emit(frame);
        new Ipv4Repr(PeerIp, OurIp, IpProtocol.Tcp, tcpLength).Emit(frame[14..]);
        payload.CopyTo(frame[(34 + segment.HeaderLength)..]);
        segment.Emit(frame[34..], PeerIp, OurIp, payload.Length);
        if (corruptChecksum)
            frame[34 + 16] ^= 0x01;
        Assert.Equal(1, _peer.Transmit(one));
        if (poll)
            Stack.Poll(Now);
    }

    /// <summary>Everything our stack sent since the last call (after one more poll): TCP segments parsed; ARP requests answered.</summary>
    public List<(TcpRepr Segment, byte[] Payload)> Drain()
    {
        // The loop comes round once more before anyone looks at the wire: an ACK held to the end of
        // the last iteration (TcpConfig.AckAtIterationEnd) goes now, as it would in the engine.
        Stack.Poll(Now);
        var result = new List<(TcpRepr, byte[])>();
        bool answered;
        do
        {
            answered = false;
            int n = _peer.Receive(_frames);
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<byte> f = _frames[i].Span;
                Assert.Equal(WireStatus.Ok, EthernetFrame.TryCreate(f, out EthernetFrame eth));
                if (eth.EtherType == EtherType.Arp)
                {
                    Assert.Equal(WireStatus.Ok, ArpRepr.TryParse(eth.Payload, out ArpRepr arp));
                    if (arp.Operation == ArpOperation.Request && arp.TargetIp == PeerIp)
                    {
                        ArpRequestsSeen++;
                        if (AnswerArp)
                        {
                            ReplyArp();
                            answered = true;
                        }
                    }
                    continue;
                }
                Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(eth.Payload, out Ipv4Packet ip));
                Assert.True(ip.DontFragment, "we never fragment: DF must be set");
                if (ip.Protocol != IpProtocol.Tcp)
                    continue;
                Assert.Equal(WireStatus.Ok, TcpSegment.TryCreate(ip.Payload, out TcpSegment seg));
                Assert.True(seg.ChecksumValid(ip.Source, ip.Destination), "our TCP checksum must verify");
                Assert.Equal(WireStatus.Ok, TcpRepr.TryParse(seg, out TcpRepr repr));
                result.Add((repr, seg.Payload.ToArray()));
            }
            _peer.Free(_frames.AsSpan(0, n));
            if (answered)
                Stack.Poll(Now);
        } while (answered);
        return result;
    }

    /// <summary>Exactly one segment was sent; returns it.</summary>
    public (TcpRepr Segment, byte[] Payload) ExpectOne()
    {
        var all = Drain();
        Assert.True(all.Count == 1, $"expected one segment, got {all.Count}: {string.Join("; ", all.Select(s => Describe(s.Segment, s.Payload.Length)))}");
        return all[0];
    }

    public void ExpectNothing()
    {
        var all = Drain();
        Assert.True(all.Count == 0, $"expected silence, got: {string.Join("; ", all.Select(s => Describe(s.Segment, s.Payload.Length)))}");
    }

    public static string Describe(TcpRepr s, int length) => $"[{s.Flags}] seq={s.Sequence} ack={s.Acknowledgment} win={s.Window} len={length}";

    private void ReplyArp()
    {
        Span<PacketBuffer> one = _frames.AsSpan(31, 1);
        Assert.Equal(1, _peer.Allocate(one));
        Assert.True(one[0].TryAppend(60, out Span<byte> frame));
        frame.Clear();
        new EthernetRepr(OurMac, PeerMac, EtherType.Arp).Emit(frame);
        new ArpRepr(ArpOperation.Reply, PeerMac, PeerIp, OurMac, OurIp).Emit(frame[14..]);
        Assert.Equal(1, _peer.Transmit(one));
    }

    /// <summary>The peer's options on a full-featured SYN: MSS 1460, window scale 7, SACK, timestamps.</summary>
    public static TcpOptions FullOptions(uint tsVal, uint tsEcr = 0) => new()
    {
        Mss = 1460,
        WindowScale = 7,
        SackPermitted = true,
        HasTimestamps = true,
        TsVal = tsVal,
        TsEcr = tsEcr,
    };

    public void Dispose()
    {
        Stack.Dispose();
        _pair.Dispose();
    }
}
