using TickToTrade.Wire;

namespace TickToTrade.MarketData.MoldUdp64;

/// <summary>The MoldUDP64 downstream header as values, to parse and emit.</summary>
public readonly record struct MoldPacketRepr(MoldSession Session, ulong SequenceNumber, ushort MessageCount)
{
    public static bool TryParse(ReadOnlySpan<byte> udpPayload, out MoldPacketRepr repr)
    {
        bool ok = MoldPacket.TryCreate(udpPayload, out MoldPacket p);
        repr = ok ? new MoldPacketRepr(p.Session, p.SequenceNumber, p.MessageCount) : default;
        return ok;
    }

    /// <summary>Writes the 20-byte header.</summary>
    public void Emit(Span<byte> buffer)
    {
        Session.Write(buffer, 0);
        BigEndian.WriteU64(buffer, 10, SequenceNumber);
        BigEndian.WriteU16(buffer, 18, MessageCount);
    }
}
