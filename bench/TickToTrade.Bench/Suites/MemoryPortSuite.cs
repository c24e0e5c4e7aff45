using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>Throughput of the in-memory port pair: allocate, write, transmit, receive, free, in bursts of 32.</summary>
public static class MemoryPortSuite
{
    public sealed record Result(long Frames, double Seconds, long AllocatedBytes, int Gen0)
    {
        public override string ToString() =>
            $"memory port cycle (burst 32, 64 B)   {Frames / Seconds / 1e6,8:F1} M frames/s   {Seconds * 1e9 / Frames,6:F1} ns/frame   " +
            $"allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    public static Result Run(long frames = 50_000_000)
    {
        using var pair = new MemoryPortPair(buffers: 1024, ringCapacity: 256);
        MemoryPort a = pair.A, b = pair.B;
        Cycle(ref a, ref b, 100_000);
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        ulong t0 = Tsc.Now;
        Cycle(ref a, ref b, frames);
        ulong t1 = Tsc.Now;
        return new Result(frames, Tsc.ToNanoseconds(t1 - t0) / 1e9, GC.GetTotalAllocatedBytes(true) - alloc0, GC.CollectionCount(0) - gen0);
    }

    private static void Cycle(ref MemoryPort a, ref MemoryPort b, long frames)
    {
        Span<PacketBuffer> tx = stackalloc PacketBuffer[32];
        Span<PacketBuffer> rx = stackalloc PacketBuffer[32];
        for (long sent = 0; sent < frames; sent += 32)
        {
            a.Allocate(tx);
            for (int i = 0; i < 32; i++)
            {
                tx[i].TryAppend(64, out Span<byte> body);
                body[0] = (byte)i;
            }
            a.Transmit(tx);
            int got = b.Receive(rx);
            b.Free(rx[..got]);
        }
    }
}
