namespace TickToTrade.Wire.Ipv4;

/// <summary>IPv4 protocol numbers we handle (IANA).</summary>
public static class IpProtocol
{
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;
}
