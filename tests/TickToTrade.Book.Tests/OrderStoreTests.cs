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

    [Theory]
    [InlineData(12)] // a 16-slot table: four buckets
    [InlineData(5)] // an 8-slot table: two buckets, the smallest
    public void CollidingReferences_KeepEveryField_ThroughMovesBack(int maxOrders)
    {
        // References lap * 64 + 0..15 have home bucket (reference >> 2) mod the bucket count:
        // every bucket is a home, eight laps share each, so chains overflow into the next
        // buckets and wrap around the end, and deletes from full buckets move later members
        // back (both when the chain wraps and when it does not). Each order's fields are its
        // own, so a move that drops or mixes one is caught.
        Gen.Select(Gen.Bool, Gen.Int[0, 7], Gen.Int[0, 15]).List[1, 400].Sample(ops =>
        {
            using var store = new OrderStore(maxOrders);
            var model = new Dictionary<ulong, (ushort Locate, Side Side, uint Price, uint Shares)>();
            foreach ((bool add, int lap, int low) in ops)
            {
                ulong reference = (ulong)(lap * 64 + low);
                if (reference == 0)
                    continue;
                var fields = ((ushort)(reference * 7 + 1), (Side)(reference / 3 & 1), (uint)(reference * 100 + 3), (uint)(reference * 11 + 5));
                if (add)
                {
                    long slot = store.Add(reference, fields.Item1, fields.Item2, fields.Item3, fields.Item4);
                    if (slot == -2)
                        continue; // full: the capacity, not a failure
                    Assert.Equal(model.ContainsKey(reference), slot == -1);
                    model.TryAdd(reference, fields);
                }
                else
                {
                    long slot = store.Find(reference);
                    Assert.Equal(model.Remove(reference), slot >= 0);
                    if (slot >= 0)
                        store.Remove(slot);
                }
                foreach ((ulong live, var f) in model)
                {
                    long slot = store.Find(live);
                    Assert.True(slot >= 0, $"{live} lost");
                    OrderSlot o = store.Read(slot);
                    Assert.Equal((live, f.Locate, f.Side, f.Price, f.Shares), (o.Reference, o.Locate, o.Side, o.Price, o.Shares));
                }
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
