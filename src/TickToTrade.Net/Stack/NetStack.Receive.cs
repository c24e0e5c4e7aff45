using TickToTrade.Net.Fragments;
using TickToTrade.Net.Tcp;
using TickToTrade.Wire;
using TickToTrade.Wire.Arp;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Icmp;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Tcp;
using TickToTrade.Wire.Udp;

namespace TickToTrade.Net.Stack;

public sealed partial class NetStack<TPort>
{
    /// <summary>One received frame, through Ethernet to the protocol that wants it. Never throws; every drop is counted.</summary>
    private void HandleFrame(ReadOnlySpan<byte> frame)
    {
        Counters.FramesReceived++;
        if (EthernetFrame.TryCreate(frame, out EthernetFrame eth) != WireStatus.Ok)
        {
            Counters.MalformedFrames++;
            return;
        }
        MacAddress destination = eth.Destination;
        if ((destination != _if.Mac && destination != MacAddress.Broadcast) || eth.VlanId != _if.VlanId)
        {
            Counters.NotForUs++;
            return;
        }
        switch (eth.EtherType)
        {
            case EtherType.Arp:
                HandleArp(eth.Payload);
                break;
            case EtherType.Ipv4:
                HandleIpv4(eth.Source, eth.Payload);
                break;
            default:
                Counters.UnknownEtherType++;
                break;
        }
    }

    /// <summary>RFC 826 "Packet Reception": merge the sender, answer requests for our address, release queued frames.</summary>
    private void HandleArp(ReadOnlySpan<byte> payload)
    {
        if (ArpRepr.TryParse(payload, out ArpRepr arp) != WireStatus.Ok)
        {
            Counters.ArpMalformed++;
            return;
        }
        bool forUs = arp.TargetIp == _if.Address;
        if (arp.Operation == ArpOperation.Request)
            Counters.ArpRequestsReceived++;
        else
            Counters.ArpRepliesReceived++;
        if (arp.SenderIp.Value == 0)
        {
            // An ARP probe (RFC 5227 §2.1.1): nothing to learn, but the owner of the address answers it.
            if (forUs && arp.Operation == ArpOperation.Request)
                SendArp(ArpOperation.Reply, arp.SenderMac, arp.TargetIp);
            return;
        }
        _arp.Update(arp.SenderIp, arp.SenderMac, _now, create: forUs);
        if (forUs && arp.Operation == ArpOperation.Request)
            SendArp(ArpOperation.Reply, arp.SenderMac, arp.SenderIp);
        ReleaseQueued(arp.SenderIp, arp.SenderMac);
    }

    private void HandleIpv4(MacAddress sourceMac, ReadOnlySpan<byte> payload)
    {
        WireStatus s = Ipv4Packet.TryCreate(payload, out Ipv4Packet ip, verifyChecksum: true);
        if (s is not (WireStatus.Ok or WireStatus.Fragment))
        {
            if (s == WireStatus.BadChecksum)
                Counters.Ipv4BadChecksum++;
            else
                Counters.Ipv4Malformed++;
            return;
        }
        Ipv4Address destination = ip.Destination;
        if (destination != _if.Address && destination != _if.Broadcast && destination.Value != uint.MaxValue)
        {
            Counters.Ipv4NotForUs++;
            return;
        }
        if (s == WireStatus.Fragment)
        {
            Reassemble(sourceMac, ip);
            return;
        }
        Deliver(sourceMac, ip.Source, destination, ip.Protocol, ip.Payload);
    }

    /// <summary>The payload of a whole datagram (arrived whole, or reassembled) to its protocol.</summary>
    private void Deliver(MacAddress sourceMac, Ipv4Address source, Ipv4Address destination, byte protocol, ReadOnlySpan<byte> payload)
    {
        switch (protocol)
        {
            case IpProtocol.Tcp:
                if (destination == _if.Address)
                    HandleTcp(source, destination, payload);
                break;
            case IpProtocol.Udp:
                HandleUdp(source, destination, payload);
                break;
            case IpProtocol.Icmp:
                HandleIcmp(sourceMac, source, destination, payload);
                break;
            default:
                Counters.UnknownProtocol++;
                break;
        }
    }

    /// <summary>RFC 1122 §3.3.2: a host MUST reassemble. Off the fast path; every fragment dropped is counted by cause.</summary>
    private void Reassemble(MacAddress sourceMac, Ipv4Packet fragment)
    {
        Counters.Ipv4FragmentsReceived++;
        FragmentVerdict verdict = _reassembler.Add(fragment.Source.Value, fragment.Destination.Value, fragment.Protocol, fragment.Identification,
            fragment.FragmentOffset, fragment.MoreFragments, fragment.Payload, _now, out ReadOnlySpan<byte> datagram, out int discarded);
        switch (verdict)
        {
            case FragmentVerdict.Held:
                return;
            case FragmentVerdict.Complete:
                Counters.Ipv4Reassembled++;
                Deliver(sourceMac, fragment.Source, fragment.Destination, fragment.Protocol, datagram);
                return;
            case FragmentVerdict.Duplicate:
                Counters.Ipv4FragmentDuplicates++;
                break;
            case FragmentVerdict.NoRoom:
                Counters.Ipv4FragmentsNoRoom++;
                break;
            case FragmentVerdict.Overlap:
                Counters.Ipv4FragmentOverlaps++;
                break;
            case FragmentVerdict.Oversize:
                Counters.Ipv4FragmentsOversize++;
                break;
            case FragmentVerdict.TooManyPieces:
                Counters.Ipv4FragmentsNoRoom++;
                break;
            default:
                Counters.Ipv4FragmentsMalformed++;
                break;
        }
        Counters.Ipv4FragmentsDropped += 1 + discarded;
    }

    private void HandleIcmp(MacAddress sourceMac, Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        if (IcmpPacket.TryCreate(payload, out IcmpPacket icmp) != WireStatus.Ok)
        {
            Counters.IcmpMalformed++;
            return;
        }
        switch (icmp.Type)
        {
            case IcmpType.EchoRequest when destination == _if.Address:
                Counters.IcmpEchoRequests++;
                SendEchoReply(sourceMac, source, icmp);
                break;
            case IcmpType.EchoReply:
                Counters.IcmpEchoReplies++;
                LastEchoReply = (icmp.Identifier, icmp.SequenceNumber);
                break;
            case IcmpType.DestinationUnreachable:
                Counters.IcmpUnreachable++;
                UnreachableToConnection(icmp);
                break;
        }
    }

    /// <summary>The identifier and sequence number of the last echo reply we received.</summary>
    public (ushort Identifier, ushort Sequence) LastEchoReply { get; private set; }

    /// <summary>RFC 1122 §4.2.3.9: find the connection from the quoted IP header and the first 8 bytes of its TCP header.</summary>
    private void UnreachableToConnection(IcmpPacket icmp)
    {
        ReadOnlySpan<byte> quoted = icmp.Data;
        if (Ipv4Packet.TryCreate(quoted, out Ipv4Packet inner, verifyChecksum: false) is not (WireStatus.Ok or WireStatus.Truncated)
            || quoted.Length < 20)
            return;
        int ihl = (quoted[0] & 0x0F) * 4;
        if (quoted[9] != IpProtocol.Tcp)
            return;
        if (quoted.Length < ihl + 8)
            return; // RFC 792: the IP header and at least 64 bits of its data (ports and sequence number)
        ushort localPort = BigEndian.U16(quoted, ihl);
        ushort remotePort = BigEndian.U16(quoted, ihl + 2);
        Find(Ipv4Address.Read(quoted, 16), remotePort, localPort)?.Unreachable(icmp.Code, BigEndian.U32(quoted, ihl + 4));
    }

    private void HandleUdp(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        if (UdpDatagram.TryCreate(payload, out UdpDatagram udp) != WireStatus.Ok)
        {
            Counters.UdpMalformed++;
            return;
        }
        if (!udp.ChecksumValid(source, destination))
        {
            Counters.UdpBadChecksum++;
            return;
        }
        ushort port = udp.DestinationPort;
        foreach (var socket in _udp)
        {
            if (socket?.Port == port)
            {
                if (socket.Deliver(source, udp.SourcePort, udp.Payload))
                    Counters.UdpReceived++;
                else
                    Counters.UdpQueueFull++;
                return;
            }
        }
        Counters.UdpNoSocket++;
    }

    private void HandleTcp(Ipv4Address source, Ipv4Address destination, ReadOnlySpan<byte> payload)
    {
        if (TcpSegment.TryCreate(payload, out TcpSegment tcp) != WireStatus.Ok)
        {
            Counters.TcpMalformed++;
            TcpCounters.MalformedSegments++;
            return;
        }
        if (!tcp.ChecksumValid(source, destination))
        {
            Counters.TcpBadChecksum++;
            TcpCounters.ChecksumFailures++;
            return;
        }
        var seg = new SegmentView
        {
            Seq = tcp.Sequence,
            Ack = tcp.Acknowledgment,
            Flags = tcp.Flags,
            Window = tcp.Window,
            Payload = tcp.Payload,
        };
        if (TcpOptions.TryParse(tcp.Options, out seg.Options) != WireStatus.Ok)
        {
            TcpCounters.MalformedSegments++;
            return;
        }
        TcpCounters.SegmentsReceived++;
        TcpConnection? c = Find(source, tcp.SourcePort, tcp.DestinationPort);
        if (c is not null)
        {
            c.Input(ref seg, _now);
            return;
        }
        if (IsListening(tcp.DestinationPort))
        {
            // RFC 9293 §3.10.7.2, LISTEN: RST ignored; ACK answered with RST; SYN opens.
            if (seg.Rst)
                return;
            if (seg.HasAck)
            {
                SendReset(source, tcp.SourcePort, tcp.DestinationPort, seg.Ack, 0, TcpFlags.Rst);
                return;
            }
            if (!seg.Syn)
                return;
            TcpConnection? slot = FreeSlot(passive: true);
            if (slot is null)
            {
                TcpCounters.ListenQueueFull++;
                return;
            }
            slot.OpenPassive(new TcpEndpoint(_if.Address, tcp.DestinationPort), new TcpEndpoint(source, tcp.SourcePort), seg, _now);
            return;
        }
        // RFC 9293 §3.10.7.1, CLOSED: an incoming segment other than a RST gets a RST.
        TcpCounters.NoConnection++;
        if (seg.Rst)
            return;
        if (seg.HasAck)
            SendReset(source, tcp.SourcePort, tcp.DestinationPort, seg.Ack, 0, TcpFlags.Rst);
        else
            SendReset(source, tcp.SourcePort, tcp.DestinationPort, 0, seg.Seq + seg.Length, TcpFlags.Rst | TcpFlags.Ack);
    }
}
