using HdrHistogram;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Measure;

/// <summary>Runs an operation in timed blocks; generic over a struct so the call inlines (no delegate).</summary>
public static class OpTimer
{
    public interface IOp
    {
        void Invoke();
    }

    public static OpCost Measure<TOp>(string name, ref TOp op, int runs = 9, int blocksPerRun = 200, int opsPerBlock = 1000)
        where TOp : struct, IOp
    {
        for (int i = 0; i < opsPerBlock * 20; i++)
            op.Invoke(); // warm-up
        double tscToPs = 1e12 / Tsc.Hz;
        var histogram = new LongHistogram(1_000_000_000, 3); // picoseconds per op
        var runNs = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            ulong runTicks = 0;
            for (int b = 0; b < blocksPerRun; b++)
            {
                ulong t0 = Tsc.Now;
                for (int i = 0; i < opsPerBlock; i++)
                    op.Invoke();
                ulong ticks = Tsc.Now - t0;
                runTicks += ticks;
                histogram.RecordValue(Math.Min((long)(ticks * tscToPs / opsPerBlock), 999_999_999));
            }
            runNs[r] = runTicks * tscToPs / 1000.0 / ((double)blocksPerRun * opsPerBlock);
        }
        return new OpCost { Name = name, RunNanoseconds = runNs, BlockPicoseconds = histogram };
    }
}
