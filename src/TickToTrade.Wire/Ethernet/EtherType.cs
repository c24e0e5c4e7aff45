namespace TickToTrade.Wire.Ethernet;

/// <summary>EtherType values we handle (IEEE 802.3, IANA registry).</summary>
public static class EtherType
{
    public const ushort Ipv4 = 0x0800;
    public const ushort Arp = 0x0806;
    /// <summary>IEEE 802.1Q customer VLAN tag.</summary>
    public const ushort Vlan = 0x8100;
    /// <summary>IEEE 802.1ad service VLAN tag (QinQ outer tag).</summary>
    public const ushort QinQ = 0x88A8;
    public const ushort Ipv6 = 0x86DD;
}
