using System.Buffers.Binary;
using TickToTrade.Net.Tcp;
using TickToTrade.PacketIO;
using TickToTrade.Wire.Arp;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Icmp;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Tcp;
using TickToTrade.Wire.Udp;

namespace TickToTrade.Net.Stack;

public sealed partial class NetStack<TPort>
{
    /// <summary>14 bytes, or 18 with the interface's 802.1Q tag.</summary>
    private int EthernetHeader => _if.VlanId >= 0 ? 18 : 14;
    private const int IpHeader = Ipv4Repr.HeaderLength;

    private PacketBuffer _building;
    private bool _buildingResolved;
    private Ipv4Address _buildingNextHop;

    /// <inheritdoc />
    public bool ChecksumOffload => _port.TcpChecksumOffload;

    /// <inheritdoc />
    public bool TryBeginSegment(Ipv4Address remote, int length, out Span<byte> segment) =>
        TryBeginIpv4(remote, IpProtocol.Tcp, length, out segment);

    /// <inheritdoc />
    public void EndSegment()
    {
        // RFC 9293 §3.4: the segment's sequence range, SYN and FIN counted, names what a retransmission repeats.
        ReadOnlySpan<byte> tcp = _building.Span[(EthernetHeader + IpHeader)..];
        ulong connection = 0;
        uint start = 0, end = 0;
        if ((tcp[13] & 0x04) == 0) // never supersede anything with a RST, nor let a RST be superseded
        {
            connection = (ulong)BinaryPrimitives.ReadUInt32BigEndian(tcp) | (1UL << 32);
            start = BinaryPrimitives.ReadUInt32BigEndian(tcp[4..]);
            end = start + (uint)(tcp.Length - ((tcp[12] >> 4) * 4)) + (uint)(tcp[13] & 0x01) + (uint)((tcp[13] >> 1) & 0x01);
        }
        EndIpv4(connection, start, end);
    }

    /// <inheritdoc />
    public void AbortSegment()
    {
        _scratch[0] = _building;
        _building = default;
        _port.Free(_scratch.AsSpan(0, 1));
    }

    /// <summary>
    /// A TX frame with Ethernet and IPv4 headers written (DF set: we never fragment,
    /// RFC 791) and room for <paramref name="length"/> bytes of <paramref name="protocol"/>.
    /// The destination MAC is filled in now if ARP knows it, else when it answers.
    /// </summary>
    private bool TryBeginIpv4(Ipv4Address remote, byte protocol, int length, out Span<byte> payload)
    {
        payload = default;
        if (IpHeader + length > _if.Mtu)
        {
            Counters.TxTooLarge++; // we never fragment (e.g. an echo reply to a request larger than the MTU, RFC 1122 §3.2.2.6)
            return false;
        }
        Ipv4Address nextHop = _if.OnLink(remote) ? remote : _if.Gateway ?? remote;
        Span<PacketBuffer> one = _scratch.AsSpan(0, 1);
        if (_port.Allocate(one) != 1)
        {
            Counters.TxNoBuffer++;
            return false;
        }
        PacketBuffer frame = one[0];
        if (!frame.TryAppend(EthernetHeader + IpHeader + length, out Span<byte> bytes))
        {
            _port.Free(one);
            Counters.TxNoBuffer++;
            return false;
        }
        _buildingResolved = _arp.TryGet(nextHop, _now, out MacAddress mac, out bool refresh);
        _buildingNextHop = nextHop;
        new EthernetRepr(_buildingResolved ? mac : MacAddress.Broadcast, _if.Mac, EtherType.Ipv4, _if.VlanId).Emit(bytes);
        new Ipv4Repr(_if.Address, remote, protocol, length, Identification: _ipId++).Emit(bytes[EthernetHeader..]);
        _building = frame;
        if (refresh)
            SendArp(ArpOperation.Request, mac, nextHop); // stale: keep sending, ask again (unicast first, as Linux's PROBE)
        payload = bytes.Slice(EthernetHeader + IpHeader, length);
        return true;
    }

    private void EndIpv4(ulong connection = 0, uint start = 0, uint end = 0)
    {
        PacketBuffer frame = _building;
        _building = default;
        if (_buildingResolved)
        {
            Queue(frame);
            return;
        }
        // RFC 826 / RFC 1122 §2.3.2.2: hold the frame (bounded) and ask who has the next hop.
        bool ask = _arp.Want(_buildingNextHop, _now, out bool tracked);
        if (tracked && _arp.Enqueue(_buildingNextHop, frame, connection, start, end, _now, _superseded, out int superseded))
        {
            Counters.ArpQueued++;
            if (superseded > 0)
            {
                Counters.ArpQueueReplaced += superseded;
                _port.Free(_superseded.AsSpan(0, superseded));
            }
        }
        else
        {
            Counters.ArpQueueDropped++;
            _scratch[0] = frame;
            _port.Free(_scratch.AsSpan(0, 1));
        }
        if (ask)
            SendArp(ArpOperation.Request, new MacAddress(0), _buildingNextHop);
    }

    /// <summary>Sends a UDP datagram; false when it cannot be built now (no buffer, or larger than the MTU allows).</summary>
    public bool SendUdp(Ipv4Address destination, ushort sourcePort, ushort destinationPort, ReadOnlySpan<byte> data, long now)
    {
        _now = now;
        var udp = new UdpRepr(sourcePort, destinationPort, data.Length);
        if (!TryBeginIpv4(destination, IpProtocol.Udp, udp.Length, out Span<byte> datagram))
            return false;
        data.CopyTo(datagram[UdpRepr.HeaderLength..]);
        udp.Emit(datagram, _if.Address, destination);
        EndIpv4();
        Counters.UdpSent++;
        Flush();
        return true;
    }

    /// <summary>Sends an ICMP echo request (for diagnostics: the reply shows in <see cref="LastEchoReply"/>).</summary>
    public bool SendPing(Ipv4Address destination, ushort identifier, ushort sequence, ReadOnlySpan<byte> data, long now)
    {
        _now = now;
        if (!TryBeginIpv4(destination, IpProtocol.Icmp, IcmpPacket.HeaderLength + data.Length, out Span<byte> message))
            return false;
        data.CopyTo(message[IcmpPacket.HeaderLength..]);
        IcmpPacket.Emit(message, IcmpType.EchoRequest, 0, identifier, sequence);
        EndIpv4();
        Flush();
        return true;
    }

    /// <summary>RFC 792 echo reply: the request's identifier, sequence and data, back to the MAC it came from.</summary>
    private void SendEchoReply(MacAddress sourceMac, Ipv4Address source, IcmpPacket request)
    {
        int length = request.Bytes.Length;
        if (!TryBeginIpv4(source, IpProtocol.Icmp, length, out Span<byte> message))
            return;
        request.Data.CopyTo(message[IcmpPacket.HeaderLength..]);
        IcmpPacket.Emit(message, IcmpType.EchoReply, 0, request.Identifier, request.SequenceNumber);
        if (!_buildingResolved)
        {
            // Answer the MAC the request came from, as every stack does, without waiting for ARP.
            sourceMac.Write(_building.Span, 0);
            _buildingResolved = true;
        }
        EndIpv4();
    }

    /// <summary>A RST (or RST,ACK) for a segment no connection owns (RFC 9293 §3.10.7.1).</summary>
    private void SendReset(Ipv4Address remote, ushort remotePort, ushort localPort, uint seq, uint ack, TcpFlags flags) =>
        ResetSegment.Send(this, TcpCounters, new TcpEndpoint(_if.Address, localPort), new TcpEndpoint(remote, remotePort), seq, ack, flags);

    private void SendArp(ushort operation, MacAddress targetMac, Ipv4Address targetIp)
    {
        Span<PacketBuffer> one = _scratch.AsSpan(0, 1);
        if (_port.Allocate(one) != 1)
        {
            Counters.TxNoBuffer++;
            return;
        }
        PacketBuffer frame = one[0];
        // 60 bytes: the Ethernet minimum without FCS, padded with zeros (64 with a VLAN tag).
        if (!frame.TryAppend(EthernetHeader + 46, out Span<byte> bytes))
        {
            _port.Free(one);
            Counters.TxNoBuffer++;
            return;
        }
        bytes.Clear();
        MacAddress to = operation == ArpOperation.Request ? (targetMac.Value != 0 ? targetMac : MacAddress.Broadcast) : targetMac;
        new EthernetRepr(to, _if.Mac, EtherType.Arp, _if.VlanId).Emit(bytes);
        new ArpRepr(operation, _if.Mac, _if.Address, targetMac, targetIp).Emit(bytes[EthernetHeader..]);
        if (operation == ArpOperation.Request)
            Counters.ArpRequestsSent++;
        else
            Counters.ArpRepliesSent++;
        Queue(frame);
    }

    /// <summary>RFC 5227 §3 announcement: an ARP request for our own address, so neighbours refresh their caches.</summary>
    private void SendGratuitousArp() => SendArp(ArpOperation.Request, new MacAddress(0), _if.Address);

    /// <summary>An ARP answer arrived: queued frames for that next hop get its MAC and go out.</summary>
    private void ReleaseQueued(Ipv4Address ip, MacAddress mac)
    {
        Span<PacketBuffer> frames = _scratch;
        int n;
        while ((n = _arp.TakeQueued(ip, frames)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                mac.Write(frames[i].Span, 0);
                Queue(frames[i]);
            }
        }
    }

    private void ExpireArp()
    {
        if (_arp.QueuedFrames == 0)
            return;
        int dropped = _arp.Expire(_now, _scratch, _arpRetry, out int retries);
        if (dropped > 0)
        {
            Counters.ArpTimeouts++;
            Counters.ArpQueueDropped += dropped;
            _port.Free(_scratch.AsSpan(0, dropped));
        }
        for (int i = 0; i < retries; i++)
            if (_arp.Want(_arpRetry[i], _now)) // RFC 1122 §2.3.2.1: again, a second after the last, while frames wait
                SendArp(ArpOperation.Request, new MacAddress(0), _arpRetry[i]);
    }

    private void Queue(PacketBuffer frame)
    {
        if (_txCount == _tx.Length)
            Flush();
        _tx[_txCount++] = frame;
        Counters.FramesSent++;
    }

    /// <summary>Hands the TX burst to the port; frames it refuses are freed and counted.</summary>
    public void Flush()
    {
        if (_txCount == 0)
            return;
        int sent = PacketPortExtensions.TransmitOrDrop(ref _port, _tx.AsSpan(0, _txCount));
        Counters.TxDropped += _txCount - sent;
        _txCount = 0;
    }
}
