namespace TickToTrade.PacketIO.Capture;

/// <summary>Reads frames from a capture file, in order (pcap or pcapng).</summary>
public interface IFrameReader
{
    /// <summary>The next frame, or false at the end.</summary>
    bool TryRead(out PcapRecord record);
    /// <summary>Frames read.</summary>
    long Records { get; }
    /// <summary>Records cut short by the end of the file, or otherwise unreadable (not returned).</summary>
    long TruncatedRecords { get; }
}
