using System.Runtime.CompilerServices;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.MoldUdp64;

/// <summary>
/// A checked view of a MoldUDP64 downstream packet (MoldUDP64 1.00, "Downstream
/// Packet"): a 20-byte header, then <see cref="MessageCount"/> message blocks.
/// Blocks are walked with <see cref="GetMessages"/>, which checks each length.
/// </summary>
public readonly ref struct MoldPacket
{
    private static class Field
    {
        public const int Session = 0;
        public const int SequenceNumber = 10;
        public const int MessageCount = 18;
        public const int Header = 20;
    }

    public const int HeaderLength = Field.Header;
    /// <summary>Message Count of a heartbeat ("Heartbeats": count 0).</summary>
    public const ushort HeartbeatCount = 0;
    /// <summary>Message Count that marks the end of the session ("End of Session": 0xFFFF).</summary>
    public const ushort EndOfSessionCount = 0xFFFF;

    private readonly ReadOnlySpan<byte> _b;

    private MoldPacket(ReadOnlySpan<byte> b) => _b = b;

    public MoldSession Session => MoldSession.Read(_b, Field.Session);
    /// <summary>Sequence number of the first message; for a heartbeat, the next one expected.</summary>
    public ulong SequenceNumber => BigEndian.U64(_b, Field.SequenceNumber);
    public ushort MessageCount => BigEndian.U16(_b, Field.MessageCount);
    public bool IsHeartbeat => MessageCount == HeartbeatCount;
    public bool IsEndOfSession => MessageCount == EndOfSessionCount;
    /// <summary>Messages this packet carries (0 for heartbeats and end-of-session).</summary>
    public int DataMessageCount => IsEndOfSession ? 0 : MessageCount;
    public ReadOnlySpan<byte> Blocks => _b[Field.Header..];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryCreate(ReadOnlySpan<byte> udpPayload, out MoldPacket packet)
    {
        bool ok = udpPayload.Length >= Field.Header;
        packet = ok ? new MoldPacket(udpPayload) : default;
        return ok;
    }

    /// <summary>Walks the message blocks; each length is checked against the bytes left.</summary>
    public MoldMessageReader GetMessages() => new(Blocks, DataMessageCount);
}
