namespace TickToTrade.Wire.Icmp;

/// <summary>ICMP types and codes we handle (RFC 792).</summary>
public static class IcmpType
{
    public const byte EchoReply = 0;
    public const byte DestinationUnreachable = 3;
    public const byte EchoRequest = 8;

    /// <summary>Destination Unreachable codes (RFC 792; 4 from RFC 1191).</summary>
    public const byte CodeNetUnreachable = 0, CodeHostUnreachable = 1, CodeProtocolUnreachable = 2, CodePortUnreachable = 3, CodeFragmentationNeeded = 4;
}
