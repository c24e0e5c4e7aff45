using CsCheck;

namespace TickToTrade.Book.Tests;

/// <summary>
/// The two-tier level book (a 7-level top block, the rest in a deep array) against
/// a sorted list, at side capacities below, at and just above the top block's
/// size, and with a deep tier of over a hundred levels: every return value (the
/// level's depth, or -1), created/removed, and the whole side best-first must
/// agree after every operation.
/// </summary>
public sealed class LevelBookModelTests
{
    private readonly record struct Op(bool Add, Side Side, uint Ticks, uint Shares, bool OrderGone);

    /// <summary>Operations at up to <paramref name="maxTicks"/> ticks from the base price (a wide range keeps many levels in the deep tier).</summary>
    private static Gen<Op> GenOp(uint maxTicks) => Gen.Select(Gen.Int[0, 99], Gen.Bool, Gen.UInt[0, maxTicks], Gen.UInt[1, 100], Gen.Bool,
        (k, bid, ticks, shares, gone) => new Op(k < 55, bid ? Side.Bid : Side.Ask, ticks, shares, gone));

    /// <summary>Levels of one side, best first.</summary>
    private sealed class ModelSide(Side side, int capacity)
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
            if (Levels.Count == capacity)
                return (-1, false);
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
    [InlineData(1, 1_000_000u, 15u)]
    [InlineData(6, 1_000_000u, 15u)]
    [InlineData(7, 1_000_000u, 15u)]
    [InlineData(8, 1_000_000u, 15u)]
    [InlineData(9, 1_000_000u, 15u)]
    [InlineData(20, 1_000_000u, 15u)]
    [InlineData(9, 2_147_483_700u, 15u)] // bids straddle 2^31, where a signed compare of raw prices would misorder them
    [InlineData(20, 2_147_483_000u, 15u)] // asks straddle 2^31
    [InlineData(20, 4_294_960_000u, 15u)] // near the top of Price (4)
    [InlineData(40, 1_000_000u, 300u)] // a deep tier that fills: adds past capacity refused while levels are found by binary search
    [InlineData(256, 1_000_000u, 300u)] // a deep tier of over a hundred levels: the binary search past the scan near the top block
    [InlineData(256, 2_147_483_000u, 300u)] // the same, asks straddling 2^31
    public void EveryOperation_AgreesWithASortedList(int levelsPerSide, uint basePrice, uint maxTicks)
    {
        int deepest = 0; // the most levels any side reached, over every sample
        GenOp(maxTicks).List[1, maxTicks > 15 ? 1500 : 400].Sample(ops =>
        {
            using var book = new LevelBook(symbols: 2, levelsPerSide);
            var model = new[] { new ModelSide(Side.Bid, levelsPerSide), new ModelSide(Side.Ask, levelsPerSide) };
            Span<PriceLevel> depth = stackalloc PriceLevel[levelsPerSide + 1];
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
                Assert.Equal(m.Levels, depth[..n].ToArray());
                for (int seen = deepest; n > seen; seen = deepest)
                    Interlocked.CompareExchange(ref deepest, n, seen);
                Assert.Equal(m.Levels.Count == 0 ? default : m.Levels[0], book.Best(2, op.Side));
                Assert.Equal(0, book.CopyDepth(1, op.Side, depth)); // the other symbol is untouched
            }
        }, iter: 200);
        // Samples run in parallel; the deepest side shows the case reached what it is for.
        Assert.True(deepest >= Math.Min(levelsPerSide, maxTicks > 15 ? 100 : 8), $"the deepest side had {deepest} levels");
    }
}
