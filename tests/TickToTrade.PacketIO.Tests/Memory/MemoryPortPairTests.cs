using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Memory;

public sealed class MemoryPortPairTests
{
    [Fact]
    public void FrameTransmittedOnA_IsReceivedOnB_WithItsBytes()
    {
        using var pair = new MemoryPortPair(buffers: 8, ringCapacity: 4);
        MemoryPort a = pair.A, b = pair.B;
        Span<PacketBuffer> frames = stackalloc PacketBuffer[1];

        Assert.Equal(1, a.Allocate(frames));
        Assert.True(frames[0].TryAppend(60, out Span<byte> body));
        FrameBytes.Fill(body, 5);
        Assert.Equal(1, a.Transmit(frames));

        Span<PacketBuffer> rx = stackalloc PacketBuffer[4];
        Assert.Equal(0, a.Receive(rx)); // nothing loops back to the sender
        Assert.Equal(1, b.Receive(rx));
        Assert.Equal(60u, rx[0].Length);
        Assert.True(FrameBytes.Check(rx[0].Span, 5));
        b.Free(rx[..1]);

        Assert.Equal(8, pair.FreeBuffers);
        Assert.Equal(1, a.Counters.TxFrames);
        Assert.Equal(60, a.Counters.TxBytes);
        Assert.Equal(1, b.Counters.RxFrames);
        Assert.Equal(60, b.Counters.RxBytes);
        Assert.Equal(1, a.Counters.RxEmptyPolls);
        Assert.Equal(0, b.Counters.RxEmptyPolls);
    }

    [Fact]
    public void FullRing_RefusesTheRest_AndCountsTxRingFull()
    {
        using var pair = new MemoryPortPair(buffers: 16, ringCapacity: 4);
        MemoryPort a = pair.A;
        Span<PacketBuffer> frames = stackalloc PacketBuffer[6];
        Assert.Equal(6, a.Allocate(frames));

        Assert.Equal(4, a.Transmit(frames));
        Assert.Equal(2, a.Counters.TxRingFull);
        Assert.Equal(4, a.Counters.TxFrames);

        // The refused frames are still ours: TransmitOrDrop frees and counts them.
        Assert.Equal(0, PacketPortExtensions.TransmitOrDrop(ref a, frames[4..]));
        Assert.Equal(2, a.Counters.TxDropped);
        Assert.Equal(16 - 4, pair.FreeBuffers);
    }

    [Fact]
    public void ExhaustedPool_FailsAllocate_AllOrNone_AndCountsIt()
    {
        using var pair = new MemoryPortPair(buffers: 3, ringCapacity: 4);
        MemoryPort a = pair.A;
        Span<PacketBuffer> two = stackalloc PacketBuffer[2];
        Assert.Equal(2, a.Allocate(two));
        Assert.Equal(0, a.Allocate(two)); // only one left: none taken
        Assert.Equal(1, a.Counters.AllocFailures);
        Assert.Equal(1, pair.FreeBuffers);
        a.Free(two);
        Assert.Equal(3, pair.FreeBuffers);
    }

    [Fact]
    public void FramesArriveInOrder_AcrossBursts()
    {
        using var pair = new MemoryPortPair(buffers: 128, ringCapacity: 128);
        MemoryPort a = pair.A, b = pair.B;
        Span<PacketBuffer> burst = stackalloc PacketBuffer[10];
        for (int round = 0; round < 5; round++)
        {
            Assert.Equal(10, b.Allocate(burst));
            for (int i = 0; i < 10; i++)
            {
                Assert.True(burst[i].TryAppend(8, out Span<byte> s));
                BitConverter.TryWriteBytes(s, (long)(round * 10 + i));
            }
            Assert.Equal(10, b.Transmit(burst));
        }
        Span<PacketBuffer> rx = stackalloc PacketBuffer[64];
        int got = a.Receive(rx);
        Assert.Equal(50, got);
        for (int i = 0; i < got; i++)
            Assert.Equal(i, BitConverter.ToInt64(rx[i].Span));
        a.Free(rx[..got]);
        Assert.Equal(128, pair.FreeBuffers);
    }

    [Fact]
    public void ReceiveTakesAtMostOneBurst()
    {
        using var pair = new MemoryPortPair(buffers: 256, ringCapacity: 256);
        MemoryPort a = pair.A, b = pair.B;
        var frames = new PacketBuffer[100];
        Assert.Equal(PortLimits.MaxBurst, a.Allocate(frames));
        Assert.Equal(PortLimits.MaxBurst, a.Transmit(frames.AsSpan(0, PortLimits.MaxBurst)));
        var rx = new PacketBuffer[100];
        Assert.Equal(PortLimits.MaxBurst, b.Receive(rx));
        b.Free(rx.AsSpan(0, PortLimits.MaxBurst));
        Assert.Equal(256, pair.FreeBuffers);
    }
}
