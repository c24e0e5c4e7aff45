using TickToTrade.MarketData.Capture;

namespace TickToTrade.MarketData.Tests.Capture;

public sealed class DayFileSpanReaderTests
{
    [Fact]
    public void ReadsEachBlock_WindowRunsToTheEnd_AndALengthPastTheEndIsTruncation()
    {
        byte[] file = [0, 2, (byte)'a', (byte)'b', 0, 1, (byte)'c', 0, 9, (byte)'d'];
        var reader = new DayFileSpanReader(file);
        Assert.True(reader.TryRead(out ReadOnlySpan<byte> m, out ReadOnlySpan<byte> w));
        Assert.Equal("ab"u8.ToArray(), m.ToArray());
        Assert.Equal(8, w.Length);
        Assert.True(reader.TryRead(out m, out w));
        Assert.Equal("c"u8.ToArray(), m.ToArray());
        Assert.Equal(4, w.Length);
        Assert.False(reader.Truncated);
        Assert.False(reader.TryRead(out m, out w)); // claims 9 bytes, 1 left
        Assert.True(reader.Truncated);
        Assert.False(reader.TryRead(out _, out _));
    }

    [Fact]
    public void AnOddTrailingByte_IsTruncation_AndAnEmptyFileIsNot()
    {
        var odd = new DayFileSpanReader(new byte[] { 0, 1, 7, 0 });
        Assert.True(odd.TryRead(out _, out _));
        Assert.False(odd.TryRead(out _, out _));
        Assert.True(odd.Truncated);
        var empty = new DayFileSpanReader(default);
        Assert.False(empty.TryRead(out _, out _));
        Assert.False(empty.Truncated);
    }
}
