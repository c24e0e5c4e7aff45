namespace TickToTrade.PacketIO.Capture;

/// <summary>One captured frame: a slice of the file's bytes, never a copy.</summary>
public readonly record struct PcapRecord(long TimestampNanoseconds, int OriginalLength, ReadOnlyMemory<byte> Data);
