using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Arp;

/// <summary>
/// An Ethernet/IPv4 ARP packet (RFC 826) for parse and emit. Anything else
/// (another hardware or protocol type, other address lengths) is refused.
/// </summary>
public readonly record struct ArpRepr(ushort Operation, MacAddress SenderMac, Ipv4Address SenderIp, MacAddress TargetMac, Ipv4Address TargetIp)
{
    public const int Length = 28;

    // RFC 826 packet format: ar$hrd(2) ar$pro(2) ar$hln(1) ar$pln(1) ar$op(2) ar$sha ar$spa ar$tha ar$tpa.
    private const int Hardware = 0, Protocol = 2, HardwareLength = 4, ProtocolLength = 5, Op = 6;
    private const int SenderHw = 8, SenderProto = 14, TargetHw = 18, TargetProto = 24;
    private const ushort HardwareEthernet = 1;

    public static WireStatus TryParse(ReadOnlySpan<byte> payload, out ArpRepr repr)
    {
        repr = default;
        if (payload.Length < Length)
            return WireStatus.Truncated;
        if (BigEndian.U16(payload, Hardware) != HardwareEthernet || BigEndian.U16(payload, Protocol) != EtherType.Ipv4
            || payload[HardwareLength] != MacAddress.Length || payload[ProtocolLength] != Ipv4Address.Length)
            return WireStatus.Unsupported;
        ushort op = BigEndian.U16(payload, Op);
        if (op is not (ArpOperation.Request or ArpOperation.Reply))
            return WireStatus.Unsupported;
        repr = new ArpRepr(op, MacAddress.Read(payload, SenderHw), Ipv4Address.Read(payload, SenderProto),
            MacAddress.Read(payload, TargetHw), Ipv4Address.Read(payload, TargetProto));
        return WireStatus.Ok;
    }

    public void Emit(Span<byte> payload)
    {
        BigEndian.WriteU16(payload, Hardware, HardwareEthernet);
        BigEndian.WriteU16(payload, Protocol, EtherType.Ipv4);
        payload[HardwareLength] = MacAddress.Length;
        payload[ProtocolLength] = Ipv4Address.Length;
        BigEndian.WriteU16(payload, Op, Operation);
        SenderMac.Write(payload, SenderHw);
        SenderIp.Write(payload, SenderProto);
        TargetMac.Write(payload, TargetHw);
        TargetIp.Write(payload, TargetProto);
    }
}
