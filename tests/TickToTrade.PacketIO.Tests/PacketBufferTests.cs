using TickToTrade.PacketIO.Memory;

namespace TickToTrade.PacketIO.Tests;

public sealed class PacketBufferTests
{
    [Fact]
    public void AppendAndPrepend_StayWithinTheBuffer()
    {
        using var pair = new MemoryPortPair(buffers: 1);
        Span<PacketBuffer> f = stackalloc PacketBuffer[1];
        Assert.Equal(1, pair.A.Allocate(f));
        ref PacketBuffer b = ref f[0];
        Assert.Equal(PortLimits.Headroom, b.Headroom);
        Assert.Equal(PortLimits.DataRoom, b.Tailroom);

        Assert.True(b.TryAppend(100, out Span<byte> payload));
        payload.Fill(0xAB);
        Assert.True(b.TryPrepend(14, out Span<byte> header));
        header.Fill(0x01);
        Assert.Equal(114u, b.Length);
        Assert.Equal(0x01, b.Span[13]);
        Assert.Equal(0xAB, b.Span[14]);

        Assert.False(b.TryPrepend(PortLimits.Headroom - 14 + 1, out _));
        Assert.False(b.TryAppend(PortLimits.DataRoom - 100 + 1, out _));
        Assert.Equal(114u, b.Length);

        b.Truncate(20);
        Assert.Equal(20u, b.Length);
        Assert.Equal(PortLimits.DataRoom - 20 + 14, b.Tailroom);
        pair.A.Free(f);
    }
}
