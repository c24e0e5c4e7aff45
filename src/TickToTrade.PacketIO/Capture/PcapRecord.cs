namespace TickToTrade.PacketIO.Capture;

/// <summary>One captured frame: a slice of the capture's bytes, never a copy. Valid while the reader's bytes are.</summary>
public readonly ref struct PcapRecord
{
    public PcapRecord(long timestampNanoseconds, int originalLength, ReadOnlySpan<byte> data)
    {
        TimestampNanoseconds = timestampNanoseconds;
        OriginalLength = originalLength;
        Data = data;
    }

    /// <summary>Capture time, nanoseconds since the Unix epoch.</summary>
    public long TimestampNanoseconds { get; }
    /// <summary>Length on the wire (more than Data.Length if the capture was cut at the snap length).</summary>
    public int OriginalLength { get; }
    public ReadOnlySpan<byte> Data { get; }
}
