namespace TickToTrade.Wire.Ethernet;

/// <summary>The fields of an Ethernet II header, with an optional 802.1Q tag, for parse and emit.</summary>
public readonly record struct EthernetRepr(MacAddress Destination, MacAddress Source, ushort EtherType, int VlanId = -1)
{
    /// <summary>Header bytes this repr emits: 14, or 18 with a VLAN tag.</summary>
    public int Length => VlanId >= 0 ? 18 : 14;

    public static WireStatus TryParse(ReadOnlySpan<byte> frame, out EthernetRepr repr)
    {
        WireStatus s = EthernetFrame.TryCreate(frame, out EthernetFrame f);
        repr = s == WireStatus.Ok ? new EthernetRepr(f.Destination, f.Source, f.EtherType, f.VlanId) : default;
        return s;
    }

    /// <summary>Writes the header at the start of <paramref name="frame"/>; returns its length.</summary>
    public int Emit(Span<byte> frame)
    {
        Destination.Write(frame, 0);
        Source.Write(frame, 6);
        if (VlanId >= 0)
        {
            BigEndian.WriteU16(frame, 12, Ethernet.EtherType.Vlan);
            BigEndian.WriteU16(frame, 14, (ushort)(VlanId & 0x0FFF));
            BigEndian.WriteU16(frame, 16, EtherType);
            return 18;
        }
        BigEndian.WriteU16(frame, 12, EtherType);
        return 14;
    }
}
