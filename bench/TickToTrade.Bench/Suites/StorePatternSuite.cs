using TickToTrade.Bench.Measure;
using TickToTrade.Book;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// The order store (at the book's capacity) filled with one reference pattern each:
/// the ways a feed numbers its orders and the ways an unmixed home would cluster
/// (sequential, strided by 4, by 2^20 and by 2^40, differing only in the high bits,
/// uniformly random). Reports the probe lengths (buckets read per lookup: mean, p99,
/// max) and the cost of an add, a find and a remove, in ns per operation.
/// </summary>
public static class StorePatternSuite
{
    public sealed record Result(string Pattern, int Orders, ProbeLengths Probes, double AddNs, double FindNs, double RemoveNs)
    {
        public override string ToString() =>
            $"store {Pattern,-11} {Orders,10:N0} orders   probes mean {Probes.Mean:F3} p99 {Probes.P99} max {Probes.Max}   add {AddNs:F1} find {FindNs:F1} remove {RemoveNs:F1} ns/op";
    }

    public static readonly string[] Patterns = ["sequential", "stride4", "stride2^20", "stride2^40", "top-bits", "random"];

    public static ulong Value(string pattern, ulong i) => pattern switch
    {
        "sequential" => i + 1,
        "stride4" => (i + 1) * 4,
        "stride2^20" => i << 20,
        "stride2^40" => i << 40,
        "top-bits" => BitReverse(i),
        "random" => SplitMix(i),
        _ => throw new ArgumentException($"no reference pattern '{pattern}'"),
    };

    public static IReadOnlyList<Result> Run(int capacity, int orders, ulong seed)
    {
        var results = new List<Result>();
        using var store = new OrderStore(capacity, seed);
        orders = Math.Min(orders, store.Capacity);
        var references = new ulong[orders]; // made before the timing, so the pattern's arithmetic is not timed
        foreach (string pattern in Patterns)
        {
            store.Clear();
            for (int i = 0; i < orders; i++)
                references[i] = Value(pattern, (ulong)i);
            ulong t0 = Tsc.Now;
            for (int i = 0; i < orders; i++)
                store.Add(references[i], 1, Side.Bid, 1, 1);
            double add = Tsc.ToNanoseconds(Tsc.Now - t0) / orders;
            ProbeLengths probes = store.ProbeLengths();
            ulong t1 = Tsc.Now;
            long found = 0;
            for (int i = 0; i < orders; i++)
                found += store.Find(references[i]) >= 0 ? 1 : 0;
            double find = Tsc.ToNanoseconds(Tsc.Now - t1) / orders;
            if (found != orders)
                throw new InvalidOperationException($"pattern {pattern}: {orders - found} references lost");
            ulong t2 = Tsc.Now;
            for (int i = 0; i < orders; i++)
                store.Remove(store.Find(references[i]));
            double remove = Tsc.ToNanoseconds(Tsc.Now - t2) / orders;
            if (store.Count != 0)
                throw new InvalidOperationException($"pattern {pattern}: {store.Count} references left after removing all");
            results.Add(new Result(pattern, orders, probes, add, find, remove));
        }
        return results;
    }

    private static ulong BitReverse(ulong x)
    {
        ulong r = 0;
        for (int b = 0; b < 64; b++, x >>= 1)
            r = (r << 1) | (x & 1);
        return r;
    }

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
