using System.Buffers.Binary;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Capture;

public sealed class PcapReaderTests
{
    [Fact]
    public void RealCapture_HasTwoVlan141Frames_WithNanosecondTimestamps()
    {
        using var bytes = CaptureBytes.Open(Fixtures.MultiplePackets);
        var reader = new PcapReader(bytes);
        Assert.Equal(PcapFormat.LinkTypeEthernet, reader.LinkType);

        var frames = new List<(long Ts, byte[] Data)>();
        while (reader.TryRead(out PcapRecord r))
            frames.Add((r.TimestampNanoseconds, r.Data.ToArray()));
        Assert.Equal(2, reader.Records);
        Assert.Equal(0, reader.TruncatedRecords);

        Assert.Equal(87, frames[0].Data.Length);
        Assert.Equal(1518, frames[1].Data.Length);
        // 2023-08-22 13:30:00.007661955 UTC, as capinfos prints it.
        Assert.Equal(new DateTimeOffset(2023, 8, 22, 13, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000 + 7_661_955, frames[0].Ts);
        foreach ((_, byte[] f) in frames)
        {
            Assert.Equal(0x8100, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(12))); // 802.1Q
            Assert.Equal(141, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(14)) & 0x0FFF);
            Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(16))); // IPv4
        }
    }

    [Fact]
    public void Writer_ThenReader_GivesBackTheSameFrames()
    {
        string path = Path.GetTempFileName();
        try
        {
            using (var w = PcapWriter.Create(path))
            {
                w.Write(1_700_000_000_123_456_789, [1, 2, 3]);
                w.Write(1_700_000_001_000_000_001, new byte[1514]);
            }
            using var bytes = CaptureBytes.Open(path);
            var r = new PcapReader(bytes);
            Assert.True(r.TryRead(out PcapRecord a));
            Assert.Equal(1_700_000_000_123_456_789, a.TimestampNanoseconds);
            Assert.Equal(new byte[] { 1, 2, 3 }, a.Data.ToArray());
            Assert.True(r.TryRead(out PcapRecord b));
            Assert.Equal(1514, b.Data.Length);
            Assert.Equal(1514, b.OriginalLength);
            Assert.False(r.TryRead(out _));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TruncatedLastRecord_IsCountedNotReturned()
    {
        byte[] file = File.ReadAllBytes(Fixtures.MultiplePackets);
        using var bytes = CaptureBytes.FromArray(file[..^10]);
        var reader = new PcapReader(bytes);
        Assert.True(reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(1, reader.Records);
        Assert.Equal(1, reader.TruncatedRecords);
    }

    [Fact]
    public void NotAPcap_IsAClearError()
    {
        using var zeros = CaptureBytes.FromArray(new byte[24]);
        var e = Assert.Throws<InvalidDataException>(() => new PcapReader(zeros));
        Assert.Contains("magic 0x00000000", e.Message);
        using var tiny = CaptureBytes.FromArray(new byte[5]);
        var shortFile = Assert.Throws<InvalidDataException>(() => new PcapReader(tiny));
        Assert.Contains("shorter than the 24-byte pcap header", shortFile.Message);
    }

    [Fact]
    public void MissingFile_IsAFileNotFoundThatNamesIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CaptureBytes.Open("/no/such.pcap"));
        Assert.Contains("/no/such.pcap", e.Message);
    }
}
