using System.Runtime.CompilerServices;
using TickToTrade.Wire;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;

namespace TickToTrade.MarketData.Feed;

/// <summary>
/// Ethernet (with VLAN tags) → IPv4 → UDP → filter, over the frame's own bytes.
/// Every frame that does not yield a feed datagram is counted under its reason
/// in <see cref="FeedCounters"/>; nothing throws.
/// </summary>
public static class FeedDecoder
{
    /// <summary>
    /// Returns true and the UDP payload when <paramref name="frame"/> is a feed
    /// datagram the filter accepts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryDecode(ReadOnlySpan<byte> frame, FeedFilter filter, ref FeedCounters c, out ReadOnlySpan<byte> udpPayload)
    {
        udpPayload = default;
        c.Frames++;
        WireStatus s = EthernetFrame.TryCreate(frame, out EthernetFrame eth);
        if (s != WireStatus.Ok)
            return Count(ref s == WireStatus.Truncated ? ref c.EthernetTruncated : ref c.TooManyVlanTags);
        if (eth.EtherType != EtherType.Ipv4)
            return Count(ref c.NotIpv4);

        s = Ipv4Packet.TryCreate(eth.Payload, out Ipv4Packet ip, filter.VerifyChecksums);
        if (s != WireStatus.Ok)
        {
            return s switch
            {
                WireStatus.Truncated => Count(ref c.Ipv4Truncated),
                WireStatus.BadVersion => Count(ref c.Ipv4BadVersion),
                WireStatus.BadChecksum => Count(ref c.Ipv4BadChecksum),
                WireStatus.Fragment => Count(ref c.Ipv4Fragments),
                _ => Count(ref c.Ipv4BadHeaderLength),
            };
        }
        if (ip.Protocol != IpProtocol.Udp)
            return Count(ref c.NotUdp);

        s = UdpDatagram.TryCreate(ip.Payload, out UdpDatagram udp);
        if (s != WireStatus.Ok)
            return Count(ref s == WireStatus.Truncated ? ref c.UdpTruncated : ref c.UdpBadLength);
        Ipv4Address source = ip.Source, destination = ip.Destination;
        if (filter.VerifyChecksums && !udp.ChecksumValid(source, destination))
            return Count(ref c.UdpBadChecksum);
        if (!filter.Accepts(source, destination, udp.DestinationPort, udp.Payload))
            return Count(ref c.FilteredOut);
        udpPayload = udp.Payload;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Count(ref long counter)
    {
        counter++;
        return false;
    }
}
