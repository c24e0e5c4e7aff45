using System.Buffers.Binary;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Capture;

public sealed class PcapReaderTests
{
    [Fact]
    public void RealCapture_HasTwoVlan141Frames_WithNanosecondTimestamps()
    {
        var reader = PcapReader.Open(Fixtures.MultiplePackets);
        Assert.Equal(PcapFormat.LinkTypeEthernet, reader.LinkType);

        Assert.True(reader.TryRead(out PcapRecord first));
        Assert.True(reader.TryRead(out PcapRecord second));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(2, reader.Records);
        Assert.Equal(0, reader.TruncatedRecords);

        Assert.Equal(87, first.Data.Length);
        Assert.Equal(1518, second.Data.Length);
        // 2023-08-22 13:30:00.007661955 UTC, as capinfos prints it.
        Assert.Equal(new DateTimeOffset(2023, 8, 22, 13, 30, 0, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000 + 7_661_955,
                     first.TimestampNanoseconds);
        foreach (PcapRecord r in new[] { first, second })
        {
            ReadOnlySpan<byte> f = r.Data.Span;
            Assert.Equal(0x8100, BinaryPrimitives.ReadUInt16BigEndian(f[12..])); // 802.1Q
            Assert.Equal(141, BinaryPrimitives.ReadUInt16BigEndian(f[14..]) & 0x0FFF);
            Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(f[16..])); // IPv4
        }
    }

    [Fact]
    public void Writer_ThenReader_GivesBackTheSameFrames()
    {
        string path = System.IO.Path.GetTempFileName();
        try
        {
            using (var w = PcapWriter.Create(path))
            {
                w.Write(1_700_000_000_123_456_789, [1, 2, 3]);
                w.Write(1_700_000_001_000_000_001, new byte[1514]);
            }
            var r = PcapReader.Open(path);
            Assert.True(r.TryRead(out PcapRecord a));
            Assert.True(r.TryRead(out PcapRecord b));
            Assert.False(r.TryRead(out _));
            Assert.Equal(1_700_000_000_123_456_789, a.TimestampNanoseconds);
            Assert.Equal(new byte[] { 1, 2, 3 }, a.Data.ToArray());
            Assert.Equal(1514, b.Data.Length);
            Assert.Equal(1514, b.OriginalLength);
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
        var reader = new PcapReader(file.AsMemory(0, file.Length - 10));
        Assert.True(reader.TryRead(out _));
        Assert.False(reader.TryRead(out _));
        Assert.Equal(1, reader.Records);
        Assert.Equal(1, reader.TruncatedRecords);
    }

    [Fact]
    public void NotAPcap_IsAClearError()
    {
        var e = Assert.Throws<InvalidDataException>(() => new PcapReader(new byte[24]));
        Assert.Contains("magic 0x00000000", e.Message);
        var shortFile = Assert.Throws<InvalidDataException>(() => new PcapReader(new byte[5]));
        Assert.Contains("shorter than the 24-byte pcap header", shortFile.Message);
    }
}
