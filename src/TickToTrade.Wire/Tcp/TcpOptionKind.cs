namespace TickToTrade.Wire.Tcp;

/// <summary>TCP option kinds (RFC 9293 §3.2, RFC 7323, RFC 2018).</summary>
public static class TcpOptionKind
{
    public const byte EndOfList = 0;
    public const byte NoOperation = 1;
    public const byte MaximumSegmentSize = 2;   // RFC 9293 §3.2, length 4
    public const byte WindowScale = 3;          // RFC 7323 §2.2, length 3
    public const byte SackPermitted = 4;        // RFC 2018 §2, length 2
    public const byte Sack = 5;                 // RFC 2018 §3, length 2 + 8n
    public const byte Timestamps = 8;           // RFC 7323 §3.2, length 10
}
