using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Stack;

/// <summary>Our addresses on one port: MAC, IPv4 address and prefix, and an optional gateway for off-link peers.</summary>
public sealed record InterfaceConfig(MacAddress Mac, Ipv4Address Address, int PrefixLength, Ipv4Address? Gateway = null)
{
    /// <summary>IP MTU: TCP segments and UDP datagrams are sized to fit; we never fragment (RFC 791 DF).</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>802.1Q VLAN: frames are sent with this tag and only frames with it are taken; -1 for untagged.</summary>
    public int VlanId { get; init; } = -1;

    /// <summary>IPv4 datagrams reassembled at once (RFC 1122 §3.3.2), each in a preallocated 64 KiB buffer.</summary>
    public int ReassemblySlots { get; init; } = 4;

    /// <summary>RFC 791 §3.2 reassembly timer, in nanoseconds (Linux's ipfrag_time is 30 s).</summary>
    public long ReassemblyTimeout { get; init; } = 30_000_000_000;

    public uint Netmask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public bool OnLink(Ipv4Address a) => (a.Value & Netmask) == (Address.Value & Netmask);

    public Ipv4Address Broadcast => new(Address.Value | ~Netmask);

    /// <summary>Parses "198.51.100.2/24".</summary>
    public static bool TryParseCidr(string text, out Ipv4Address address, out int prefix)
    {
        address = default;
        prefix = 0;
        int slash = text.IndexOf('/');
        if (slash < 0)
            return false;
        return Ipv4Address.TryParse(text[..slash], out address)
            && int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)
            && prefix is >= 1 and <= 32;
    }
}
