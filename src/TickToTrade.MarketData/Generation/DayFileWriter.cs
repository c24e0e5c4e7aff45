using System.Buffers.Binary;

namespace TickToTrade.MarketData.Generation;

/// <summary>Writes NASDAQ's binary ITCH day-file framing: a 2-byte big-endian length, then the message.</summary>
public sealed class DayFileWriter : IMessageWriter
{
    private readonly Stream _out;
    private readonly byte[] _prefix = new byte[2];

    public DayFileWriter(Stream output) => _out = output;

    public void Write(ReadOnlySpan<byte> message, ulong timestamp, bool startsBurst)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_prefix, (ushort)message.Length);
        _out.Write(_prefix);
        _out.Write(message);
    }

    public void Finish() => _out.Flush();

    public void Dispose() => _out.Dispose();
}
