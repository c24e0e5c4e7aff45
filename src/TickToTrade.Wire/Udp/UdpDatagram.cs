using System.Runtime.CompilerServices;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Udp;

/// <summary>
/// A checked view of a UDP datagram (RFC 768). The length field must cover the
/// 8-byte header and fit in the IP payload; the view spans exactly that length.
/// The checksum is optional in IPv4: zero means none was sent.
/// </summary>
public readonly ref struct UdpDatagram
{
    private static class Field
    {
        public const int SourcePort = 0;
        public const int DestinationPort = 2;
        public const int Length = 4;
        public const int Checksum = 6;
        public const int Header = 8;
    }

    public const int HeaderLength = Field.Header;

    private readonly ReadOnlySpan<byte> _b;

    private UdpDatagram(ReadOnlySpan<byte> b) => _b = b;

    public ushort SourcePort => BigEndian.U16(_b, Field.SourcePort);
    public ushort DestinationPort => BigEndian.U16(_b, Field.DestinationPort);
    public int Length => _b.Length;
    public ushort Checksum => BigEndian.U16(_b, Field.Checksum);
    public ReadOnlySpan<byte> Payload => _b[Field.Header..];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WireStatus TryCreate(ReadOnlySpan<byte> ipPayload, out UdpDatagram datagram)
    {
        datagram = default;
        if (ipPayload.Length < Field.Header)
            return WireStatus.Truncated;
        int length = BigEndian.U16(ipPayload, Field.Length);
        if (length < Field.Header)
            return WireStatus.BadHeaderLength;
        if (length > ipPayload.Length)
            return WireStatus.Truncated;
        datagram = new UdpDatagram(ipPayload[..length]);
        return WireStatus.Ok;
    }

    /// <summary>
    /// True when the checksum is absent (zero, RFC 768) or verifies over the
    /// pseudo-header, header and data.
    /// </summary>
    public bool ChecksumValid(Ipv4Address source, Ipv4Address destination)
    {
        if (Checksum == 0)
            return true;
        ulong sum = InternetChecksum.AddPseudoHeader(0, source.Value, destination.Value, IpProtocol.Udp, _b.Length);
        return InternetChecksum.Finish(InternetChecksum.Add(sum, _b)) == 0;
    }
}
