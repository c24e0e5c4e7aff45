namespace TickToTrade.MarketData.Generation;

/// <summary>Where the generator's messages go: a day file, a MoldUDP64 pcap, or memory in tests.</summary>
public interface IMessageWriter : IDisposable
{
    /// <summary>
    /// One message with its ITCH timestamp (nanoseconds since midnight).
    /// <paramref name="startsBurst"/> marks the first message of a new burst: a packetiser starts a new packet there.
    /// </summary>
    void Write(ReadOnlySpan<byte> message, ulong timestamp, bool startsBurst);

    /// <summary>Flushes whatever is buffered.</summary>
    void Finish();
}
