namespace TickToTrade.Wire.Ipv4;

/// <summary>
/// An option-less IPv4 header for parse and emit. We never fragment on TX, so
/// emit sets DF (RFC 791 §3.1 flags) and a zero fragment offset.
/// </summary>
public readonly record struct Ipv4Repr(Ipv4Address Source, Ipv4Address Destination, byte Protocol, int PayloadLength, byte Ttl = 64, ushort Identification = 0, bool DontFragment = true)
{
    public const int HeaderLength = 20;

    public int TotalLength => HeaderLength + PayloadLength;

    public static WireStatus TryParse(ReadOnlySpan<byte> buffer, out Ipv4Repr repr)
    {
        WireStatus s = Ipv4Packet.TryCreate(buffer, out Ipv4Packet p);
        repr = s == WireStatus.Ok
            ? new Ipv4Repr(p.Source, p.Destination, p.Protocol, p.TotalLength - p.HeaderLength, p.Ttl, p.Identification, p.DontFragment)
            : default;
        return s;
    }

    /// <summary>Writes the 20-byte header, checksum included, at the start of <paramref name="buffer"/>.</summary>
    public void Emit(Span<byte> buffer)
    {
        buffer[0] = 0x45; // version 4, IHL 5
        buffer[1] = 0;
        BigEndian.WriteU16(buffer, 2, (ushort)TotalLength);
        BigEndian.WriteU16(buffer, 4, Identification);
        BigEndian.WriteU16(buffer, 6, DontFragment ? (ushort)0x4000 : (ushort)0);
        buffer[8] = Ttl;
        buffer[9] = Protocol;
        BigEndian.WriteU16(buffer, 10, 0);
        Source.Write(buffer, 12);
        Destination.Write(buffer, 16);
        BigEndian.WriteU16(buffer, 10, InternetChecksum.Compute(buffer[..HeaderLength]));
    }
}
