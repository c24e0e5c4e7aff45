using System.Runtime.CompilerServices;

namespace TickToTrade.Wire.Ethernet;

/// <summary>
/// A checked view of an Ethernet II frame with up to two VLAN tags (802.1Q,
/// and 802.1ad outside it). After <see cref="TryCreate"/> every accessor is in bounds.
/// </summary>
public readonly ref struct EthernetFrame
{
    private static class Field
    {
        public const int Destination = 0;
        public const int Source = 6;
        public const int EtherType = 12;
        public const int Header = 14;
        public const int TagLength = 4;
    }

    /// <summary>Maximum VLAN tags we look through.</summary>
    public const int MaxTags = 2;

    private readonly ReadOnlySpan<byte> _b;

    /// <summary>Offset of the payload: 14, 18 or 22.</summary>
    public int HeaderLength { get; }
    /// <summary>The innermost EtherType (after any VLAN tags).</summary>
    public ushort EtherType { get; }
    /// <summary>VLAN id of the innermost tag, or -1 when untagged.</summary>
    public int VlanId { get; }

    private EthernetFrame(ReadOnlySpan<byte> b, int headerLength, ushort etherType, int vlanId)
    {
        _b = b;
        HeaderLength = headerLength;
        EtherType = etherType;
        VlanId = vlanId;
    }

    public MacAddress Destination => MacAddress.Read(_b, Field.Destination);
    public MacAddress Source => MacAddress.Read(_b, Field.Source);
    public ReadOnlySpan<byte> Payload => _b[HeaderLength..];

    /// <summary>Validates the header (and tags). Fails with <see cref="WireStatus.Truncated"/> or <see cref="WireStatus.TooManyVlanTags"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WireStatus TryCreate(ReadOnlySpan<byte> frame, out EthernetFrame view)
    {
        view = default;
        if (frame.Length < Field.Header)
            return WireStatus.Truncated;
        int offset = Field.EtherType;
        ushort type = BigEndian.U16(frame, offset);
        int vlan = -1;
        for (int tags = 0; type is Ethernet.EtherType.Vlan or Ethernet.EtherType.QinQ; tags++)
        {
            if (tags == MaxTags)
                return WireStatus.TooManyVlanTags;
            if (frame.Length < offset + 2 + Field.TagLength)
                return WireStatus.Truncated;
            vlan = BigEndian.U16(frame, offset + 2) & 0x0FFF; // TCI: PCP(3) DEI(1) VID(12), IEEE 802.1Q §9.6
            offset += Field.TagLength;
            type = BigEndian.U16(frame, offset);
        }
        view = new EthernetFrame(frame, offset + 2, type, vlan);
        return WireStatus.Ok;
    }
}
