using System.Runtime.CompilerServices;

namespace TickToTrade.Wire.Ipv4;

/// <summary>
/// A checked view of an IPv4 packet (RFC 791 §3.1). <see cref="TryCreate"/>
/// checks version, IHL, total length against the buffer and the header checksum.
/// A fragment is reported as <see cref="WireStatus.Fragment"/>, with the view
/// still made, so a reassembler can read its offset and flags. The view spans
/// exactly Total Length bytes: Ethernet padding after the datagram is not part of it.
/// </summary>
public readonly ref struct Ipv4Packet
{
    private static class Field
    {
        public const int VersionIhl = 0;
        public const int Dscp = 1;
        public const int TotalLength = 2;
        public const int Identification = 4;
        public const int FlagsFragment = 6;
        public const int Ttl = 8;
        public const int Protocol = 9;
        public const int Checksum = 10;
        public const int Source = 12;
        public const int Destination = 16;
        public const int MinHeader = 20;
    }

    private const ushort MoreFragmentsBit = 0x2000;
    private const ushort DontFragmentBit = 0x4000;
    private const ushort OffsetMask = 0x1FFF;

    private readonly ReadOnlySpan<byte> _b;

    private Ipv4Packet(ReadOnlySpan<byte> b) => _b = b;

    public int HeaderLength => (_b[Field.VersionIhl] & 0x0F) * 4;
    public int TotalLength => _b.Length;
    public byte Dscp => (byte)(_b[Field.Dscp] >> 2);
    public ushort Identification => BigEndian.U16(_b, Field.Identification);
    public bool DontFragment => (BigEndian.U16(_b, Field.FlagsFragment) & DontFragmentBit) != 0;
    /// <summary>RFC 791 §3.1 MF: more fragments follow this one.</summary>
    public bool MoreFragments => (BigEndian.U16(_b, Field.FlagsFragment) & MoreFragmentsBit) != 0;
    /// <summary>RFC 791 §3.1 Fragment Offset, in bytes (the field counts 8-byte units).</summary>
    public int FragmentOffset => (BigEndian.U16(_b, Field.FlagsFragment) & OffsetMask) * 8;
    public byte Ttl => _b[Field.Ttl];
    public byte Protocol => _b[Field.Protocol];
    public ushort Checksum => BigEndian.U16(_b, Field.Checksum);
    public Ipv4Address Source => Ipv4Address.Read(_b, Field.Source);
    public Ipv4Address Destination => Ipv4Address.Read(_b, Field.Destination);
    /// <summary>Options bytes (IHL > 5), empty otherwise.</summary>
    public ReadOnlySpan<byte> Options => _b[Field.MinHeader..HeaderLength];
    public ReadOnlySpan<byte> Payload => _b[HeaderLength..];

    /// <summary>
    /// Validates <paramref name="buffer"/>. <paramref name="verifyChecksum"/> false skips only the
    /// header checksum: for a NIC that already verified it, or for anonymised captures that zero it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WireStatus TryCreate(ReadOnlySpan<byte> buffer, out Ipv4Packet packet, bool verifyChecksum = true)
    {
        packet = default;
        if (buffer.Length < Field.MinHeader)
            return WireStatus.Truncated;
        byte vihl = buffer[Field.VersionIhl];
        if ((vihl >> 4) != 4)
            return WireStatus.BadVersion;
        int ihl = (vihl & 0x0F) * 4; // RFC 791 §3.1: IHL in 32-bit words, minimum 5
        if (ihl < Field.MinHeader)
            return WireStatus.BadHeaderLength;
        int total = BigEndian.U16(buffer, Field.TotalLength);
        if (total < ihl)
            return WireStatus.BadHeaderLength;
        if (total > buffer.Length)
            return WireStatus.Truncated;
        if (verifyChecksum && InternetChecksum.Compute(buffer[..ihl]) != 0) // RFC 1071: a valid header sums to 0xFFFF, complement 0
            return WireStatus.BadChecksum;
        packet = new Ipv4Packet(buffer[..total]);
        ushort flags = BigEndian.U16(buffer, Field.FlagsFragment);
        if ((flags & (MoreFragmentsBit | OffsetMask)) != 0) // RFC 791 §3.2: MF or a non-zero offset is a fragment
            return WireStatus.Fragment;
        return WireStatus.Ok;
    }
}
