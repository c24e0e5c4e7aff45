using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.PacketIO;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// Sends MoldUDP64 request packets as Ethernet/IPv4/UDP frames built straight
/// into a TX buffer of <typeparamref name="TPort"/>. Nothing is allocated: the
/// frame is written into the port's own buffer and handed to its TX ring.
/// </summary>
public struct UdpRetransmitRequester<TPort> : IRetransmitRequester where TPort : struct, IPacketPort
{
    private TPort _port;
    private readonly EthernetRepr _ethernet;
    private readonly RequestRoute _route;
    private ushort _ipId;

    public UdpRetransmitRequester(TPort port, RequestRoute route)
    {
        _port = port;
        _route = route;
        _ethernet = new EthernetRepr(route.NextHopMac, route.LocalMac, EtherType.Ipv4, route.VlanId);
    }

    /// <summary>Requests that could not be sent (pool exhausted or TX ring full).</summary>
    public long Failed { get; private set; }

    public bool Request(MoldSession session, ulong sequence, ushort count)
    {
        Span<PacketBuffer> one = stackalloc PacketBuffer[1];
        if (_port.Allocate(one) != 1)
        {
            Failed++;
            return false;
        }
        var udp = new UdpRepr(_route.LocalPort, _route.ServerPort, MoldRequestRepr.Length);
        var ip = new Ipv4Repr(_route.LocalAddress, _route.ServerAddress, IpProtocol.Udp, udp.Length, Identification: _ipId++);
        int length = _ethernet.Length + ip.TotalLength;
        if (!one[0].TryAppend(length, out Span<byte> frame))
        {
            _port.Free(one); // a buffer too small for 62 bytes: never with our pools, but never leak it either
            Failed++;
            return false;
        }
        int offset = _ethernet.Emit(frame);
        ip.Emit(frame[offset..]);
        offset += Ipv4Repr.HeaderLength;
        new MoldRequestRepr(session, sequence, count).Emit(frame[(offset + UdpRepr.HeaderLength)..]);
        udp.Emit(frame[offset..], ip.Source, ip.Destination);
        if (PacketPortExtensions.TransmitOrDrop(ref _port, one) == 1)
            return true;
        Failed++;
        return false;
    }
}
