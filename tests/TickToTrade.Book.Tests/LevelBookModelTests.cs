using CsCheck;

namespace TickToTrade.Book.Tests;

/// <summary>
/// The two-tier level book (a 7-level top block, the rest in a deep array drawn from
/// the shared pool) against a sorted list, with sides from a few levels to thousands
/// (so deep blocks are allocated, doubled, re-centred, halved and given back): every
/// return value (the level's depth), created/removed, and the whole side best-first
/// must agree after every operation, and again while the side is drained level by level.
/// </summary>
public sealed class LevelBookModelTests
{
    private readonly record struct Op(bool Add, Side Side, uint Ticks, uint Shares, bool OrderGone);

    /// <summary>Operations at up to <paramref name="maxTicks"/> ticks from the base price (a wide range keeps many levels in the deep tier).</summary>
    private static Gen<Op> GenOp(uint maxTicks) => Gen.Select(Gen.Int[0, 99], Gen.Bool, Gen.UInt[0, maxTicks], Gen.UInt[1, 100], Gen.Bool,
        (k, bid, ticks, shares, gone) => new Op(k < 55, bid ? Side.Bid : Side.Ask, ticks, shares, gone));

    /// <summary>Levels of one side, best first.</summary>
    private sealed class ModelSide(Side side)
    {
        public readonly List<PriceLevel> Levels = [];

        private int IndexOf(uint price) => Levels.FindIndex(l => l.Price == price);

        private bool Better(uint a, uint b) => side == Side.Bid ? a > b : a < b;

        public (int Depth, bool Changed) Add(uint price, uint shares)
        {
            int i = IndexOf(price);
            if (i >= 0)
            {
                PriceLevel l = Levels[i];
                Levels[i] = l with { Shares = l.Shares + shares, Orders = l.Orders + 1 };
                return (i, false);
            }
            int at = 0;
            while (at < Levels.Count && Better(Levels[at].Price, price))
                at++;
            Levels.Insert(at, new PriceLevel { Price = price, Shares = shares, Orders = 1 });
            return (at, true);
        }

        public (int Depth, bool Changed) Remove(uint price, uint shares, bool orderGone)
        {
            int i = IndexOf(price);
            if (i < 0)
                return (-1, false);
            PriceLevel l = Levels[i];
            l = l with { Shares = l.Shares - Math.Min(l.Shares, shares), Orders = orderGone ? l.Orders - 1 : l.Orders };
            if (l.Orders == 0)
            {
                Levels.RemoveAt(i);
                return (i, true);
            }
            Levels[i] = l;
            return (i, false);
        }
    }

    [Theory]
    [InlineData(1_000_000u, 3u, 400)] // within the top block
    [InlineData(1_000_000u, 15u, 400)] // just past it: levels move between the tiers
    [InlineData(2_147_483_700u, 15u, 400)] // bids straddle 2^31, where a signed compare of raw prices would misorder them
    [InlineData(2_147_483_000u, 15u, 400)] // asks straddle 2^31
    [InlineData(4_294_960_000u, 15u, 400)] // near the top of Price (4)
    [InlineData(1_000_000u, 300u, 1500)] // a deep tier of over a hundred levels: the binary search past the scan near the top block
    [InlineData(2_147_483_000u, 300u, 1500)] // the same, asks straddling 2^31
    [InlineData(1_000_000u, 5000u, 4000)] // deep blocks doubling past 1024 levels, inserts anywhere
    public void EveryOperation_AgreesWithASortedList(uint basePrice, uint maxTicks, int maxOps)
    {
        int deepest = 0; // the most levels any side reached, over every sample
        GenOp(maxTicks).List[1, maxOps].Sample(ops =>
        {
            using var book = new LevelBook(symbols: 2, deepLevels: 1 << 16);
            var model = new[] { new ModelSide(Side.Bid), new ModelSide(Side.Ask) };
            var depth = new PriceLevel[maxOps + 1];
            foreach (Op op in ops)
            {
                uint price = op.Side == Side.Bid ? basePrice - 100 * op.Ticks : basePrice + 100 + 100 * op.Ticks;
                ModelSide m = model[(int)op.Side];
                if (op.Add)
                {
                    (int expected, bool created) = m.Add(price, op.Shares);
                    Assert.Equal((expected, created), (book.Add(2, op.Side, price, op.Shares, out bool c), c));
                }
                else
                {
                    (int expected, bool removed) = m.Remove(price, op.Shares, op.OrderGone);
                    Assert.Equal((expected, removed), (book.Remove(2, op.Side, price, op.Shares, op.OrderGone, out bool r), r));
                }
                int n = book.CopyDepth(2, op.Side, depth);
                Assert.Equal(m.Levels, depth[..n]);
                for (int seen = deepest; n > seen; seen = deepest)
                    Interlocked.CompareExchange(ref deepest, n, seen);
                Assert.Equal(m.Levels.Count == 0 ? default : m.Levels[0], book.Best(2, op.Side));
                Assert.Equal(0, book.CopyDepth(1, op.Side, depth)); // the other symbol is untouched
            }
            // Drain both sides, a level at a time from the middle: deep blocks shrink and are given back.
            foreach (ModelSide m in model)
            {
                Side side = m == model[0] ? Side.Bid : Side.Ask;
                while (m.Levels.Count > 0)
                {
                    PriceLevel l = m.Levels[m.Levels.Count / 2];
                    for (uint k = 0; k < l.Orders; k++)
                    {
                        (int expected, bool removed) = m.Remove(l.Price, uint.MaxValue, orderGone: true);
                        Assert.Equal((expected, removed), (book.Remove(2, side, l.Price, uint.MaxValue, true, out bool r), r));
                    }
                    int n = book.CopyDepth(2, side, depth);
                    Assert.Equal(m.Levels, depth[..n]);
                }
            }
            Assert.Equal(0, book.Pool.Used); // every deep block went back to the pool
        }, iter: maxOps > 1500 ? 40 : 200);
        // Samples run in parallel; the deepest side shows the case reached what it is for.
        Assert.True(deepest >= (maxTicks > 300 ? 600 : maxTicks > 15 ? 100 : Math.Min(maxTicks + 1, 8)), $"the deepest side had {deepest} levels");
    }
}
