namespace TickToTrade.Wire.Arp;

/// <summary>ARP opcodes (RFC 826, "ar$op").</summary>
public static class ArpOperation
{
    public const ushort Request = 1;
    public const ushort Reply = 2;
}
