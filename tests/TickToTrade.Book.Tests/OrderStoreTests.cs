using CsCheck;

namespace TickToTrade.Book.Tests;

/// <summary>The bucketed open-addressing store against a Dictionary, over the whole 64-bit reference range, with deletes that must move chain members back.</summary>
public sealed class OrderStoreTests
{
    /// <summary>References from every corner of the range: 0, 2^64 − 1, small, top-bits-only, strided, and uniform.</summary>
    private static readonly Gen<ulong> AnyReference = Gen.OneOf(
        Gen.Const(0UL), Gen.Const(ulong.MaxValue), Gen.ULong[0, 64],
        Gen.ULong[0, 15].Select(x => x << 60), Gen.ULong[0, 255].Select(x => x << 40), Gen.ULong, Gen.ULong[ulong.MaxValue - 64, ulong.MaxValue]);

    private static (ushort Locate, Side Side, uint Price, uint Shares) FieldsOf(ulong reference) =>
        ((ushort)(reference * 7 + (reference >> 48)), (Side)((reference ^ (reference >> 63)) & 1), (uint)(reference >> 17) ^ 0x9E37u, (uint)(reference * 11 + 5));

    private static void Run(int maxOrders, IList<(bool Add, ulong Reference)> ops, bool checkEveryStep)
    {
        using var store = new OrderStore(maxOrders, seed: 12345);
        var model = new Dictionary<ulong, (ushort Locate, Side Side, uint Price, uint Shares)>();
        foreach ((bool add, ulong reference) in ops)
        {
            var f = FieldsOf(reference);
            if (add)
            {
                long slot = store.Add(reference, f.Locate, f.Side, f.Price, f.Shares);
                if (slot == -2)
                {
                    Assert.Equal(store.Capacity, model.Count); // full only at the capacity
                    continue;
                }
                Assert.Equal(model.ContainsKey(reference), slot == -1);
                model.TryAdd(reference, f);
            }
            else
            {
                long slot = store.Find(reference);
                Assert.Equal(model.Remove(reference), slot >= 0);
                if (slot >= 0)
                    store.Remove(slot);
            }
            if (checkEveryStep)
                AssertHolds(store, model);
        }
        AssertHolds(store, model);
    }

    private static void AssertHolds(OrderStore store, Dictionary<ulong, (ushort Locate, Side Side, uint Price, uint Shares)> model)
    {
        Assert.Equal(model.Count, store.Count);
        foreach ((ulong live, var f) in model)
        {
            long slot = store.Find(live);
            Assert.True(slot >= 0, $"{live} lost");
            OrderSlot o = store.Read(slot);
            Assert.Equal((live, f.Locate, f.Side, f.Price, f.Shares), (o.Reference, o.Locate, o.Side, o.Price, o.Shares));
        }
    }

    [Fact]
    public void RandomAddsAndRemoves_OverTheWholeRange_MatchADictionary() =>
        Gen.Select(Gen.Bool, AnyReference).List[1, 3000].Sample(ops => Run(4096, ops, checkEveryStep: false), iter: 100);

    [Theory]
    [InlineData(12)] // eight buckets
    [InlineData(5)] // two buckets, the smallest: every chain wraps around the end
    public void TinyTables_KeepEveryField_ThroughMovesBack(int maxOrders) =>
        // With a handful of buckets every reference shares its home with others, chains
        // overflow into the next buckets and wrap, and deletes from full buckets move later
        // members back; each order's fields are its own, so a move that drops or mixes one is caught.
        Gen.Select(Gen.Bool, AnyReference).List[1, 400].Sample(ops => Run(maxOrders, ops, checkEveryStep: true), iter: 300);

    [Fact]
    public void ZeroAndMax_AndReferencesThatDifferOnlyInTheirTopBits_AreDistinctOrders()
    {
        using var store = new OrderStore(64);
        ulong[] references = [0, ulong.MaxValue, 1UL << 63, (1UL << 63) | 5, 5, 1UL << 47, (1UL << 47) + 5, ulong.MaxValue - 1];
        for (int i = 0; i < references.Length; i++)
            Assert.True(store.Add(references[i], (ushort)i, (Side)(i & 1), (uint)i, (uint)(100 + i)) >= 0);
        Assert.Equal(-1, store.Add(0, 9, Side.Bid, 1, 1)); // 0 is live now: a duplicate
        for (int i = 0; i < references.Length; i++)
        {
            OrderSlot o = store.Read(store.Find(references[i]));
            Assert.Equal((references[i], (ushort)i, (uint)(100 + i)), (o.Reference, o.Locate, o.Shares));
        }
        store.Remove(store.Find(0));
        Assert.Equal(-1, store.Find(0));
        Assert.True(store.Find(ulong.MaxValue) >= 0);
        Assert.Equal(-1, store.Find(12345));
    }

    public static TheoryData<string> Patterns => ["sequential", "stride4", "stride2^20", "stride2^40", "top-bits", "random"];

    /// <summary>The reference pattern's i-th value; each is a way that an unmixed home (reference bits straight to a bucket) clusters or that a feed numbers its orders.</summary>
    internal static ulong PatternValue(string pattern, ulong i) => pattern switch
    {
        "sequential" => i + 1,
        "stride4" => (i + 1) * 4,
        "stride2^20" => i << 20,
        "stride2^40" => i << 40,
        "top-bits" => BitReverse(i), // the counter's bits reversed: values differ in their high bits only
        _ => SplitMix(i),
    };

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

    [Theory]
    [MemberData(nameof(Patterns))]
    public void AdversarialPatterns_StayNearTheirHomes(string pattern)
    {
        // 100,000 live orders in a store sized for 300,000 (a third full, as sized for a day):
        // a well-mixed home keeps the mean probe near one bucket and the longest chain short.
        using var store = new OrderStore(300_000, seed: 77);
        for (ulong i = 0; i < 100_000; i++)
            Assert.True(store.Add(PatternValue(pattern, i), 1, Side.Bid, 1, 1) >= 0);
        ProbeLengths p = store.ProbeLengths();
        Assert.Equal(100_000, p.Orders);
        Assert.True(p.Mean < 1.1, $"{pattern}: mean probe {p.Mean}");
        Assert.True(p.P99 <= 3, $"{pattern}: p99 probe {p.P99}");
        Assert.True(p.Max <= 12, $"{pattern}: longest probe {p.Max}");
    }
}
