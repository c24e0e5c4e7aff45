using HdrHistogram;

namespace TickToTrade.Bench.Measure;

/// <summary>
/// Cost of one operation, measured as TSC time over blocks of calls (a single
/// call is shorter than the rdtsc that would time it). Each run gives one
/// ns/op figure; the median over runs is the headline, and every block's
/// ns/op goes into an HdrHistogram for the tail.
/// </summary>
public sealed class OpCost
{
    public required string Name { get; init; }
    public required double[] RunNanoseconds { get; init; }
    public required LongHistogram BlockPicoseconds { get; init; }

    public double Median => Stats.Median(RunNanoseconds);

    public double BlockPercentile(double p) => BlockPicoseconds.GetValueAtPercentile(p) / 1000.0;

    public override string ToString() =>
        $"{Name,-34} median {Median,8:F1} ns/op   runs {RunNanoseconds.Min(),7:F1}..{RunNanoseconds.Max(),-7:F1}   blocks p50 {BlockPercentile(50),7:F1}  p99 {BlockPercentile(99),7:F1}  p99.9 {BlockPercentile(99.9),7:F1}";
}
