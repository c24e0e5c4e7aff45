using TickToTrade.Wire;

namespace TickToTrade.MarketData.MoldUdp64;

/// <summary>
/// A MoldUDP64 retransmission request (MoldUDP64 1.00, "Request Packet"): 20
/// bytes, session, first sequence number wanted, and how many messages.
/// </summary>
public readonly record struct MoldRequestRepr(MoldSession Session, ulong SequenceNumber, ushort RequestedCount)
{
    public const int Length = 20;

    public static bool TryParse(ReadOnlySpan<byte> udpPayload, out MoldRequestRepr repr)
    {
        if (udpPayload.Length != Length)
        {
            repr = default;
            return false;
        }
        repr = new MoldRequestRepr(MoldSession.Read(udpPayload, 0), BigEndian.U64(udpPayload, 10), BigEndian.U16(udpPayload, 18));
        return true;
    }

    public void Emit(Span<byte> buffer)
    {
        Session.Write(buffer, 0);
        BigEndian.WriteU64(buffer, 10, SequenceNumber);
        BigEndian.WriteU16(buffer, 18, RequestedCount);
    }
}
