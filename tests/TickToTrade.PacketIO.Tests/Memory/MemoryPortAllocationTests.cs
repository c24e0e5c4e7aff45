using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Memory;

/// <summary>
/// The non-negotiable: the RX/TX/free cycle allocates no managed memory. This
/// thread's counter is exact for the loop; the process-wide counter
/// (GC.GetTotalAllocatedBytes) is asserted too but with the runner's threads
/// allowed a few hundred bytes of their own; the strict process-wide proof is
/// `ttt-bench memport` (NativeAOT, one thread), which reports 0 bytes.
/// </summary>
public sealed class MemoryPortAllocationTests
{
    private const int Frames = 1_000_000;

    [Fact]
    public void RxTxFreeCycle_OverOneMillionFrames_AllocatesZeroManagedBytes()
    {
        using var pair = new MemoryPortPair(buffers: 1024, ringCapacity: 256);
        MemoryPort a = pair.A, b = pair.B;
        Cycle(ref a, ref b, 10_000); // warm-up: JIT tiers, statics

        long threadBefore = GC.GetAllocatedBytesForCurrentThread();
        long totalBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0Before = GC.CollectionCount(0);

        long verified = Cycle(ref a, ref b, Frames);

        long totalDelta = GC.GetTotalAllocatedBytes(precise: true) - totalBefore;
        long threadDelta = GC.GetAllocatedBytesForCurrentThread() - threadBefore;
        int gen0 = GC.CollectionCount(0) - gen0Before;

        Assert.Equal(Frames, verified);
        Assert.Equal(0, threadDelta);
        Assert.InRange(totalDelta, 0, 4096); // other threads of the test host; a per-frame allocation would be >= 24 MB
        Assert.Equal(0, gen0);
        Assert.Equal(1024, pair.FreeBuffers);
        Assert.Equal(0, a.Counters.AllocFailures + a.Counters.TxRingFull + a.Counters.TxDropped);
    }

    /// <summary>A sends bursts of 32 frames to B, B checks and frees them. Returns frames verified.</summary>
    private static long Cycle(ref MemoryPort a, ref MemoryPort b, int frames)
    {
        Span<PacketBuffer> tx = stackalloc PacketBuffer[32];
        Span<PacketBuffer> rx = stackalloc PacketBuffer[32];
        long sent = 0, verified = 0;
        while (sent < frames)
        {
            int n = (int)Math.Min(32, frames - sent);
            if (a.Allocate(tx[..n]) != n)
                return -1;
            for (int i = 0; i < n; i++)
            {
                tx[i].TryAppend(64, out Span<byte> body);
                body[0] = (byte)(sent + i);
            }
            sent += a.Transmit(tx[..n]);
            int got = b.Receive(rx);
            for (int i = 0; i < got; i++)
            {
                if (rx[i].Length == 64 && rx[i].Span[0] == (byte)verified)
                    verified++;
            }
            b.Free(rx[..got]);
        }
        return verified;
    }
}
