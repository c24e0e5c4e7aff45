using TickToTrade.PacketIO.Capture;

namespace TickToTrade.MarketData.Tests.Support;

/// <summary>Reads every frame of a pcap (or pcap bytes) into arrays, for tests.</summary>
public static class CaptureFrames
{
    public static List<byte[]> Read(string path)
    {
        using var bytes = CaptureBytes.Open(path);
        return Read(bytes);
    }

    public static List<byte[]> Read(byte[] pcap)
    {
        using var bytes = CaptureBytes.FromArray(pcap);
        return Read(bytes);
    }

    private static List<byte[]> Read(CaptureBytes bytes)
    {
        var reader = new PcapReader(bytes);
        var frames = new List<byte[]>();
        while (reader.TryRead(out PcapRecord r))
            frames.Add(r.Data.ToArray());
        return frames;
    }
}
