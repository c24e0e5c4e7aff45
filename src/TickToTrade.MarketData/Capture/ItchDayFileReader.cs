using TickToTrade.PacketIO.Capture;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.Capture;

/// <summary>
/// NASDAQ's binary ITCH day file: each message prefixed by its 2-byte big-endian
/// length (the same framing as a MoldUDP64 message block). A length that runs
/// past the end of the file stops the reader and is counted. It reads ahead
/// with <see cref="StreamPrefetch"/>.
/// </summary>
public sealed class ItchDayFileReader
{
    private readonly CaptureBytes _bytes;
    private long _offset;

    public ItchDayFileReader(CaptureBytes bytes) => _bytes = bytes;

    public long Messages { get; private set; }
    public long TruncatedRecords { get; private set; }

    /// <summary>Goes back to the first message.</summary>
    public void Rewind()
    {
        _offset = 0;
        Messages = 0;
        TruncatedRecords = 0;
    }

    /// <summary>The next message (without its length prefix), or false at the end.</summary>
    public bool TryRead(out ReadOnlySpan<byte> message)
    {
        message = default;
        long left = _bytes.Length - _offset;
        if (left <= 0)
            return false;
        if (left < 2)
            return Truncated();
        int length = BigEndian.U16(_bytes.Slice(_offset, 2), 0);
        if (length > left - 2)
            return Truncated();
        message = _bytes.Slice(_offset + 2, length);
        StreamPrefetch.Ahead(message);
        _offset += 2 + length;
        Messages++;
        return true;
    }

    private bool Truncated()
    {
        TruncatedRecords++;
        _offset = _bytes.Length;
        return false;
    }
}
