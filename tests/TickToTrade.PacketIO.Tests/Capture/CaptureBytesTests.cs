using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Capture;

public sealed class CaptureBytesTests
{
    [Fact]
    public void Load_ReadsTheSameBytesAsTheMapping()
    {
        byte[] onDisk = File.ReadAllBytes(Fixtures.MultiplePackets);
        using var mapped = CaptureBytes.Open(Fixtures.MultiplePackets);
        using var loaded = CaptureBytes.Load(Fixtures.MultiplePackets);
        Assert.Equal(onDisk.Length, loaded.Length);
        Assert.Equal(mapped.Length, loaded.Length);
        Assert.True(onDisk.AsSpan().SequenceEqual(loaded.Slice(0, (int)loaded.Length)));
        Assert.True(mapped.Slice(0, (int)mapped.Length).SequenceEqual(loaded.Slice(0, (int)loaded.Length)));
    }

    [Fact]
    public void Load_OfAnEmptyFile_IsEmpty_AndOfAMissingOne_NamesIt()
    {
        string empty = Path.GetTempFileName();
        try
        {
            using var bytes = CaptureBytes.Load(empty);
            Assert.Equal(0, bytes.Length);
        }
        finally
        {
            File.Delete(empty);
        }
        string missing = Path.Combine(Path.GetTempPath(), $"ttt-missing-{Guid.NewGuid():N}.itch");
        var e = Assert.Throws<FileNotFoundException>(() => CaptureBytes.Load(missing));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Load_SlicesOutsideTheFile_AreRefused()
    {
        using var bytes = CaptureBytes.Load(Fixtures.MultiplePackets);
        Assert.Throws<ArgumentOutOfRangeException>(() => bytes.Slice(bytes.Length - 1, 2));
    }
}
