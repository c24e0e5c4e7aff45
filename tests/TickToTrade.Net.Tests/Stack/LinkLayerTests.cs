using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.Net.Stack;
using TickToTrade.Wire;
using TickToTrade.Wire.Arp;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Icmp;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;

namespace TickToTrade.Net.Tests.Stack;

/// <summary>ARP (RFC 826), IPv4 (RFC 791), ICMP (RFC 792) and UDP (RFC 768) on our stack, against hand-built frames.</summary>
public sealed class LinkLayerTests : IDisposable
{
    private static readonly Ipv4Address Us = Ipv4Address.Parse("198.51.100.2");
    private static readonly Ipv4Address Them = Ipv4Address.Parse("198.51.100.1");
    private static readonly MacAddress UsMac = new(0x02_00_00_00_00_02), ThemMac = new(0x02_00_00_00_00_01);

    private readonly MemoryPortPair _pair = new(256, 256);
    private readonly NetStack<MemoryPort> _stack;
    private MemoryPort _wire;
    private readonly PacketBuffer[] _frames = new PacketBuffer[32];
    private long _now = 1_000_000_000;

    public LinkLayerTests()
    {
        var random = new Xoshiro256(5);
        _stack = new NetStack<MemoryPort>(_pair.A, new InterfaceConfig(UsMac, Us, 24), new TcpConfig(), ref random);
        _wire = _pair.B;
    }

    public void Dispose()
    {
        _stack.Dispose();
        _pair.Dispose();
    }

    private void Inject(Action<Span<byte>> build, int length)
    {
        Span<PacketBuffer> one = _frames.AsSpan(0, 1);
        Assert.Equal(1, _wire.Allocate(one));
        Assert.True(one[0].TryAppend(length, out Span<byte> f));
        f.Clear();
        build(f);
        Assert.Equal(1, _wire.Transmit(one));
        _stack.Poll(_now);
    }

    private List<byte[]> Sent()
    {
        var result = new List<byte[]>();
        int n = _wire.Receive(_frames);
        for (int i = 0; i < n; i++)
            result.Add(_frames[i].Span.ToArray());
        _wire.Free(_frames.AsSpan(0, n));
        return result;
    }

    /// <summary>One IPv4 packet from Them; with <paramref name="more"/> or an <paramref name="offset"/>, a fragment (RFC 791 §3.1: offset in bytes, a multiple of 8).</summary>
    private void InjectIpv4(byte protocol, ReadOnlySpan<byte> payload, Ipv4Address? destination = null, bool more = false, int offset = 0, ushort id = 0)
    {
        byte[] copy = payload.ToArray();
        Inject(f =>
        {
            new EthernetRepr(UsMac, ThemMac, EtherType.Ipv4).Emit(f);
            new Ipv4Repr(Them, destination ?? Us, protocol, copy.Length, Identification: id).Emit(f[14..]);
            if (more || offset > 0)
            {
                BigEndian.WriteU16(f, 14 + 6, (ushort)((more ? 0x2000 : 0) | (offset / 8)));
                BigEndian.WriteU16(f, 14 + 10, 0);
                BigEndian.WriteU16(f, 14 + 10, InternetChecksum.Compute(f.Slice(14, 20)));
            }
            copy.CopyTo(f[34..]);
        }, 34 + copy.Length);
    }

    [Fact]
    public void Rfc5227_GratuitousArp_OnTheFirstPoll()
    {
        _stack.Poll(_now);
        byte[] frame = Assert.Single(Sent());
        Assert.Equal(WireStatus.Ok, EthernetFrame.TryCreate(frame, out EthernetFrame eth));
        Assert.Equal(MacAddress.Broadcast, eth.Destination);
        Assert.Equal(WireStatus.Ok, ArpRepr.TryParse(eth.Payload, out ArpRepr arp));
        Assert.Equal(ArpOperation.Request, arp.Operation);
        Assert.Equal(Us, arp.SenderIp);
        Assert.Equal(Us, arp.TargetIp);
    }

    [Fact]
    public void Rfc826_RequestForOurAddress_IsAnswered_AndTheSenderLearned()
    {
        _stack.Poll(_now);
        Sent();
        Inject(f =>
        {
            new EthernetRepr(MacAddress.Broadcast, ThemMac, EtherType.Arp).Emit(f);
            new ArpRepr(ArpOperation.Request, ThemMac, Them, new MacAddress(0), Us).Emit(f[14..]);
        }, 60);
        byte[] reply = Assert.Single(Sent());
        EthernetFrame.TryCreate(reply, out EthernetFrame eth);
        Assert.Equal(ThemMac, eth.Destination);
        ArpRepr.TryParse(eth.Payload, out ArpRepr arp);
        Assert.Equal(ArpOperation.Reply, arp.Operation);
        Assert.Equal(UsMac, arp.SenderMac);
        Assert.Equal(Us, arp.SenderIp);
        Assert.True(_stack.Arp.TryGet(Them, _now, out MacAddress learned));
        Assert.Equal(ThemMac, learned);
    }

    [Fact]
    public void Rfc826_RequestForSomeoneElse_IsNotAnswered()
    {
        _stack.Poll(_now);
        Sent();
        Inject(f =>
        {
            new EthernetRepr(MacAddress.Broadcast, ThemMac, EtherType.Arp).Emit(f);
            new ArpRepr(ArpOperation.Request, ThemMac, Them, new MacAddress(0), Ipv4Address.Parse("198.51.100.9")).Emit(f[14..]);
        }, 60);
        Assert.Empty(Sent());
        Assert.False(_stack.Arp.TryGet(Them, _now, out _));
    }

    [Fact]
    public void Rfc1122_2_3_2_2_FramesWaitForArp_BoundedAndDroppedWhenItNeverAnswers()
    {
        _stack.Poll(_now);
        Sent();
        for (int i = 0; i < 40; i++)
            _stack.SendUdp(Them, 5000, 6000, "x"u8, _now);
        var sent = Sent();
        Assert.Single(sent); // one ARP request, no datagram yet
        Assert.Equal(32, _stack.Arp.QueuedFrames);
        Assert.Equal(8, _stack.Counters.ArpQueueDropped);
        for (int i = 0; i < 5; i++)
        {
            _now += 1_100_000_000;
            _stack.Poll(_now);
        }
        Assert.Equal(0, _stack.Arp.QueuedFrames);
        Assert.Equal(40, _stack.Counters.ArpQueueDropped);
        Assert.Equal(2, Sent().Count); // the request was repeated twice, a second apart, before giving up
        Assert.Equal(_pair.Capacity, _pair.FreeBuffers); // and every held buffer came back
    }

    [Fact]
    public void Rfc792_EchoRequest_GetsAnEchoReplyWithTheSameIdentifierSequenceAndData()
    {
        _stack.Poll(_now);
        Sent();
        byte[] icmp = new byte[8 + 32];
        new Random(1).NextBytes(icmp.AsSpan(8));
        IcmpPacket.Emit(icmp, IcmpType.EchoRequest, 0, 0x1234, 7);
        InjectIpv4(IpProtocol.Icmp, icmp);
        byte[] reply = Assert.Single(Sent());
        EthernetFrame.TryCreate(reply, out EthernetFrame eth);
        Assert.Equal(ThemMac, eth.Destination);
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(eth.Payload, out Ipv4Packet ip));
        Assert.Equal(Them, ip.Destination);
        Assert.Equal(WireStatus.Ok, IcmpPacket.TryCreate(ip.Payload, out IcmpPacket echo));
        Assert.Equal(IcmpType.EchoReply, echo.Type);
        Assert.Equal(0x1234, echo.Identifier);
        Assert.Equal(7, echo.SequenceNumber);
        Assert.Equal(icmp.AsSpan(8).ToArray(), echo.Data.ToArray());
    }

    [Fact]
    public void Rfc1122_3_3_2_AFragmentedEchoRequest_IsReassembledAndAnswered_AndOtherHostsTrafficIgnored()
    {
        _stack.Poll(_now);
        Sent();
        byte[] icmp = new byte[8 + 40];
        new Random(3).NextBytes(icmp.AsSpan(8));
        IcmpPacket.Emit(icmp, IcmpType.EchoRequest, 0, 1, 1);
        // RFC 791 §3.2: the second half first, then the first; the echo reply carries the whole request.
        InjectIpv4(IpProtocol.Icmp, icmp.AsSpan(24), offset: 24, id: 77);
        Assert.Empty(Sent());
        InjectIpv4(IpProtocol.Icmp, icmp.AsSpan(0, 24), more: true, id: 77);
        byte[] reply = Assert.Single(Sent());
        EthernetFrame.TryCreate(reply, out EthernetFrame eth);
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(eth.Payload, out Ipv4Packet ip));
        Assert.Equal(WireStatus.Ok, IcmpPacket.TryCreate(ip.Payload, out IcmpPacket echo));
        Assert.Equal(IcmpType.EchoReply, echo.Type);
        Assert.Equal(icmp.AsSpan(8).ToArray(), echo.Data.ToArray());
        Assert.Equal(1, _stack.Counters.Ipv4Reassembled);
        Assert.Equal(2, _stack.Counters.Ipv4FragmentsReceived);
        InjectIpv4(IpProtocol.Icmp, icmp, destination: Ipv4Address.Parse("198.51.100.77"));
        Assert.Empty(Sent());
        Assert.Equal(1, _stack.Counters.Ipv4NotForUs);
        Assert.Equal(0, _stack.Counters.Ipv4FragmentsDropped);
    }

    [Fact]
    public void Rfc791_3_2_OverlappingFragments_DropTheDatagram_AndAnIncompleteOneTimesOut_AllCounted()
    {
        _stack.Poll(_now);
        Sent();
        byte[] icmp = new byte[8 + 40];
        IcmpPacket.Emit(icmp, IcmpType.EchoRequest, 0, 1, 1);
        byte[] forged = (byte[])icmp.Clone();
        forged[20] ^= 0x5A;
        InjectIpv4(IpProtocol.Icmp, icmp.AsSpan(0, 32), more: true, id: 5);
        InjectIpv4(IpProtocol.Icmp, forged.AsSpan(16, 16), more: true, offset: 16, id: 5); // other bytes where bytes are held
        InjectIpv4(IpProtocol.Icmp, icmp.AsSpan(32), offset: 32, id: 5);
        Assert.Empty(Sent()); // never answered: the datagram was dropped
        Assert.Equal(1, _stack.Counters.Ipv4FragmentOverlaps);
        InjectIpv4(IpProtocol.Icmp, icmp.AsSpan(0, 16), more: true, id: 6);
        InjectIpv4(IpProtocol.Icmp, icmp.AsSpan(0, 16), more: true, id: 6); // an exact copy
        Assert.Equal(1, _stack.Counters.Ipv4FragmentDuplicates);
        _now += 31_000_000_000; // past the RFC 791 §3.2 timer (30 s)
        _stack.Poll(_now);
        Assert.Equal(2, _stack.Counters.Ipv4ReassemblyTimeouts); // id 5's tail started a new datagram, and id 6
        // Dropped: the overlap and the fragment it threw out, the duplicate, and the two that timed out.
        Assert.Equal(5, _stack.Counters.Ipv4FragmentsDropped);
    }

    [Fact]
    public void Rfc768_UdpIsDeliveredToItsSocket_CheckedAndCounted()
    {
        var socket = _stack.BindUdp(6000)!;
        _stack.Poll(_now);
        Sent();
        byte[] datagram = new byte[8 + 5];
        "hello"u8.CopyTo(datagram.AsSpan(8));
        new UdpRepr(5000, 6000, 5).Emit(datagram, Them, Us);
        InjectIpv4(IpProtocol.Udp, datagram);
        var buffer = new byte[100];
        Assert.True(socket.TryReceive(buffer, out int length, out Ipv4Address from, out ushort port));
        Assert.Equal("hello"u8.ToArray(), buffer[..length]);
        Assert.Equal((Them, (ushort)5000), (from, port));
        datagram[10] ^= 0xFF; // a bad checksum
        InjectIpv4(IpProtocol.Udp, datagram);
        Assert.Equal(1, _stack.Counters.UdpBadChecksum);
        new UdpRepr(5000, 6001, 5).Emit(datagram, Them, Us);
        InjectIpv4(IpProtocol.Udp, datagram);
        Assert.Equal(1, _stack.Counters.UdpNoSocket);
    }

    [Fact]
    public void Rfc1122_4_2_3_9_PortUnreachable_AbortsAPendingConnect()
    {
        _stack.Poll(_now);
        Sent();
        // Teach ARP the peer so the SYN leaves at once.
        Inject(f =>
        {
            new EthernetRepr(UsMac, ThemMac, EtherType.Arp).Emit(f);
            new ArpRepr(ArpOperation.Reply, ThemMac, Them, UsMac, Us).Emit(f[14..]);
        }, 60);
        TcpConnection c = _stack.Connect(new TcpEndpoint(Them, 9000), _now)!;
        byte[] syn = Assert.Single(Sent());
        // ICMP port unreachable quoting the SYN's IP header and first 8 bytes of TCP.
        byte[] icmp = new byte[8 + 28];
        syn.AsSpan(14, 28).CopyTo(icmp.AsSpan(8));
        IcmpPacket.Emit(icmp, IcmpType.DestinationUnreachable, IcmpType.CodePortUnreachable, 0, 0);
        InjectIpv4(IpProtocol.Icmp, icmp);
        Assert.Equal(TcpState.Closed, c.State);
        Assert.Equal(TcpError.Unreachable, c.Error);
        Assert.Equal(1, _stack.Counters.IcmpUnreachable);
    }
}
