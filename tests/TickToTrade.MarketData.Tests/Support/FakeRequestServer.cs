using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Memory;
using TickToTrade.Wire;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;

namespace TickToTrade.MarketData.Tests.Support;

/// <summary>
/// A MoldUDP64 re-request server on the far end of a memory port: it parses each
/// request frame, and answers with one downstream packet holding as many of the
/// requested messages as fit (MoldUDP64 1.00 "Request Packet": the client asks
/// again for the rest). It can be told to stay silent.
/// </summary>
public sealed class FakeRequestServer(MemoryPort port, IReadOnlyList<byte[]> messages, MoldSession session, int maxPayload = 1472)
{
    public int Requests { get; private set; }
    public int Replies { get; private set; }
    public bool Silent { get; set; }
    public List<(ulong Sequence, ushort Count)> Log { get; } = [];

    /// <summary>Answers every request waiting on the port.</summary>
    public void Poll()
    {
        Span<PacketBuffer> rx = stackalloc PacketBuffer[32];
        int n;
        while ((n = port.Receive(rx)) > 0)
        {
            for (int i = 0; i < n; i++)
                Handle(rx[i].Span);
            port.Free(rx[..n]);
        }
    }

    private void Handle(ReadOnlySpan<byte> frame)
    {
        Assert.Equal(WireStatus.Ok, EthernetRepr.TryParse(frame, out EthernetRepr eth));
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(frame[eth.Length..], out Ipv4Packet ip));
        Assert.Equal(IpProtocol.Udp, ip.Protocol);
        Assert.Equal(WireStatus.Ok, UdpDatagram.TryCreate(ip.Payload, out UdpDatagram udp));
        Assert.True(udp.ChecksumValid(ip.Source, ip.Destination));
        Assert.True(MoldRequestRepr.TryParse(udp.Payload, out MoldRequestRepr request));
        Assert.Equal(session, request.Session);
        Requests++;
        Log.Add((request.SequenceNumber, request.RequestedCount));
        if (Silent)
            return;

        var payload = new byte[maxPayload];
        int length = MoldPacket.HeaderLength;
        ushort count = 0;
        for (ulong seq = request.SequenceNumber; seq < request.SequenceNumber + request.RequestedCount && seq <= (ulong)messages.Count; seq++)
        {
            byte[] m = messages[(int)seq - 1];
            if (length + 2 + m.Length > maxPayload)
                break; // only what fits; the client re-requests the rest
            BigEndian.WriteU16(payload, length, (ushort)m.Length);
            m.CopyTo(payload, length + 2);
            length += 2 + m.Length;
            count++;
        }
        new MoldPacketRepr(session, request.SequenceNumber, count).Emit(payload);

        Span<PacketBuffer> tx = stackalloc PacketBuffer[1];
        Assert.Equal(1, port.Allocate(tx));
        var reply = new UdpRepr(udp.DestinationPort, udp.SourcePort, length);
        var replyIp = new Ipv4Repr(ip.Destination, ip.Source, IpProtocol.Udp, reply.Length);
        var replyEth = new EthernetRepr(eth.Source, eth.Destination, EtherType.Ipv4);
        Assert.True(tx[0].TryAppend(replyEth.Length + replyIp.TotalLength, out Span<byte> f));
        int o = replyEth.Emit(f);
        replyIp.Emit(f[o..]);
        o += Ipv4Repr.HeaderLength;
        payload.AsSpan(0, length).CopyTo(f[(o + UdpRepr.HeaderLength)..]);
        reply.Emit(f[o..], replyIp.Source, replyIp.Destination);
        Assert.Equal(1, port.Transmit(tx));
        Replies++;
    }
}
