using CsCheck;

namespace TickToTrade.Book.Tests;

/// <summary>The bucketed open-addressing store against a Dictionary, with deletes that must move chain members back.</summary>
public sealed class OrderStoreTests
{
    [Fact]
    public void RandomAddsAndRemoves_MatchADictionary()
    {
        Gen.Select(Gen.Bool, Gen.ULong[1, 2000]).List[1, 5000].Sample(ops =>
        {
            using var store = new OrderStore(4096);
            var model = new Dictionary<ulong, uint>();
            foreach ((bool add, ulong reference) in ops)
            {
                if (add)
                {
                    long slot = store.Add(reference, (ushort)(reference * 7), (Side)(reference & 1), (uint)reference, (uint)reference * 3);
                    Assert.Equal(model.ContainsKey(reference), slot == -1);
                    model.TryAdd(reference, (uint)reference * 3);
                }
                else
                {
                    long slot = store.Find(reference);
                    Assert.Equal(model.Remove(reference), slot >= 0);
                    if (slot >= 0)
                        store.Remove(slot);
                }
            }
            Assert.Equal(model.Count, store.Count);
            foreach ((ulong reference, uint shares) in model)
            {
                long slot = store.Find(reference);
                Assert.True(slot >= 0);
                // Every field survives the backward shifts of the deletes around it.
                OrderSlot o = store.Read(slot);
                Assert.Equal((reference, (ushort)(reference * 7), (Side)(reference & 1), (uint)reference, shares), (o.Reference, o.Locate, o.Side, o.Price, o.Shares));
            }
        }, iter: 100);
    }

    [Fact]
    public void HugeAndStridedReferences_AreFound()
    {
        using var store = new OrderStore(1000);
        for (ulong i = 1; i <= 700; i++)
            Assert.True(store.Add(i << 36, (ushort)i, (Side)(i & 1), 1, (uint)i) >= 0);
        for (ulong i = 1; i <= 700; i++)
        {
            OrderSlot o = store.Read(store.Find(i << 36));
            Assert.Equal(((uint)i, (ushort)i, (Side)(i & 1), i << 36), (o.Shares, o.Locate, o.Side, o.Reference));
        }
        Assert.Equal(-1, store.Find(12345));
    }

    [Fact]
    public void ReferencesBeyondTheTag_AreRefused_NotTruncated()
    {
        using var store = new OrderStore(64);
        Assert.True(store.Add(OrderSlot.MaxReference, ushort.MaxValue, Side.Ask, 7, 9) >= 0);
        Assert.Equal((OrderSlot.MaxReference, ushort.MaxValue, Side.Ask), (store.Read(store.Find(OrderSlot.MaxReference)).Reference, store.Read(store.Find(OrderSlot.MaxReference)).Locate, store.Read(store.Find(OrderSlot.MaxReference)).Side));
        // 2^47 would alias reference 0 (and 2^47 + 5 reference 5) if the top bits were dropped.
        Assert.True(store.Add(5, 1, Side.Bid, 1, 1) >= 0);
        Assert.Equal(-3, store.Add(1UL << 47, 1, Side.Bid, 1, 1));
        Assert.Equal(-3, store.Add((1UL << 47) + 5, 1, Side.Bid, 1, 1));
        Assert.Equal(-1, store.Find((1UL << 47) + 5));
        Assert.Equal(-1, store.Find(ulong.MaxValue));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void CollidingReferences_SurviveDeletesInsideTheirProbeChain()
    {
        // 12 orders → a 16-slot table of four 4-slot buckets: references 28..35 (and 16 apart)
        // share home buckets, so chains overflow into the next buckets and wrap around the
        // end, and deletes from full buckets must move later members back.
        Gen.Select(Gen.Bool, Gen.Int[0, 7], Gen.Int[28, 35]).List[1, 400].Sample(ops =>
        {
            using var store = new OrderStore(12);
            var model = new HashSet<ulong>();
            foreach ((bool add, int lap, int home) in ops)
            {
                ulong reference = (ulong)(lap * 16 + home);
                if (reference == 0)
                    continue;
                if (add)
                {
                    long slot = store.Add(reference, 1, Side.Bid, 1, 1);
                    if (slot == -2)
                        continue; // full: the 7/8 limit, not a failure
                    Assert.Equal(model.Contains(reference), slot == -1);
                    model.Add(reference);
                }
                else
                {
                    long slot = store.Find(reference);
                    Assert.Equal(model.Remove(reference), slot >= 0);
                    if (slot >= 0)
                        store.Remove(slot);
                }
                foreach (ulong live in model)
                    Assert.True(store.Find(live) >= 0, $"{live} lost");
            }
            Assert.Equal(model.Count, store.Count);
        }, iter: 300);
    }

    [Fact]
    public void ReferenceZero_IsNeverFound_NorStored()
    {
        using var store = new OrderStore(64);
        Assert.Equal(-1, store.Find(0));
        Assert.Equal(-1, store.Add(0, 1, Side.Bid, 1, 1));
        Assert.Equal(0, store.Count);
    }
}
