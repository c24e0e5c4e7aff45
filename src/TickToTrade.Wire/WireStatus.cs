namespace TickToTrade.Wire;

/// <summary>Why a view refused its bytes. Each value maps to a drop counter; none is ever thrown.</summary>
public enum WireStatus : byte
{
    Ok = 0,
    /// <summary>Fewer bytes than the header or a length field says.</summary>
    Truncated,
    /// <summary>More than <see cref="Ethernet.EthernetFrame.MaxTags"/> stacked VLAN tags.</summary>
    TooManyVlanTags,
    /// <summary>IPv4 version field is not 4.</summary>
    BadVersion,
    /// <summary>IPv4 IHL below 5, or a length field smaller than its own header.</summary>
    BadHeaderLength,
    /// <summary>A header or pseudo-header checksum does not verify.</summary>
    BadChecksum,
    /// <summary>An IPv4 fragment (MF set or offset non-zero): we never reassemble.</summary>
    Fragment,
    /// <summary>Well-formed, but a variant we do not speak (an ARP for another protocol, an ICMP type we ignore).</summary>
    Unsupported,
    /// <summary>A TCP option whose length runs past the header or is too short for its kind.</summary>
    BadOption,
}
