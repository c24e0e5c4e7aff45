using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Udp;

/// <summary>A UDP header for parse and emit (RFC 768).</summary>
public readonly record struct UdpRepr(ushort SourcePort, ushort DestinationPort, int PayloadLength)
{
    public const int HeaderLength = UdpDatagram.HeaderLength;

    public int Length => HeaderLength + PayloadLength;

    public static WireStatus TryParse(ReadOnlySpan<byte> ipPayload, out UdpRepr repr)
    {
        WireStatus s = UdpDatagram.TryCreate(ipPayload, out UdpDatagram d);
        repr = s == WireStatus.Ok ? new UdpRepr(d.SourcePort, d.DestinationPort, d.Length - HeaderLength) : default;
        return s;
    }

    /// <summary>
    /// Writes the header at the start of <paramref name="datagram"/>, whose payload
    /// must already be in place, and fills in the checksum over the pseudo-header.
    /// </summary>
    public void Emit(Span<byte> datagram, Ipv4Address source, Ipv4Address destination)
    {
        BigEndian.WriteU16(datagram, 0, SourcePort);
        BigEndian.WriteU16(datagram, 2, DestinationPort);
        BigEndian.WriteU16(datagram, 4, (ushort)Length);
        BigEndian.WriteU16(datagram, 6, 0);
        ulong sum = InternetChecksum.AddPseudoHeader(0, source.Value, destination.Value, IpProtocol.Udp, Length);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Add(sum, datagram[..Length]));
        BigEndian.WriteU16(datagram, 6, checksum == 0 ? (ushort)0xFFFF : checksum); // RFC 768: a computed 0 is sent as all ones
    }
}
