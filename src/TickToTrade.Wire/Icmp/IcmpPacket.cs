namespace TickToTrade.Wire.Icmp;

/// <summary>
/// A checked view of an ICMP message (RFC 792): type, code, checksum, the
/// 4-byte rest of header, then the data. The checksum covers the whole message.
/// </summary>
public readonly ref struct IcmpPacket
{
    public const int HeaderLength = 8;

    private readonly ReadOnlySpan<byte> _b;

    private IcmpPacket(ReadOnlySpan<byte> b) => _b = b;

    public byte Type => _b[0];
    public byte Code => _b[1];
    public ushort Checksum => BigEndian.U16(_b, 2);
    /// <summary>Echo: identifier (RFC 792 "Echo or Echo Reply Message").</summary>
    public ushort Identifier => BigEndian.U16(_b, 4);
    /// <summary>Echo: sequence number.</summary>
    public ushort SequenceNumber => BigEndian.U16(_b, 6);
    /// <summary>Fragmentation needed: the next-hop MTU (RFC 1191 §4).</summary>
    public ushort NextHopMtu => BigEndian.U16(_b, 6);
    /// <summary>Echo: the data to return. Errors: the offending IP header and at least 8 bytes of its payload.</summary>
    public ReadOnlySpan<byte> Data => _b[HeaderLength..];
    public ReadOnlySpan<byte> Bytes => _b;

    /// <summary>Checks the length and, RFC 792, the checksum over the whole message.</summary>
    public static WireStatus TryCreate(ReadOnlySpan<byte> ipPayload, out IcmpPacket packet)
    {
        packet = default;
        if (ipPayload.Length < HeaderLength)
            return WireStatus.Truncated;
        if (InternetChecksum.Compute(ipPayload) != 0)
            return WireStatus.BadChecksum;
        packet = new IcmpPacket(ipPayload);
        return WireStatus.Ok;
    }

    /// <summary>
    /// Writes an ICMP header at the start of <paramref name="message"/> (whose data is
    /// already in place after the first 8 bytes) and the checksum over all of it.
    /// </summary>
    public static void Emit(Span<byte> message, byte type, byte code, ushort restHigh, ushort restLow)
    {
        message[0] = type;
        message[1] = code;
        BigEndian.WriteU16(message, 2, 0);
        BigEndian.WriteU16(message, 4, restHigh);
        BigEndian.WriteU16(message, 6, restLow);
        BigEndian.WriteU16(message, 2, InternetChecksum.Compute(message));
    }
}
