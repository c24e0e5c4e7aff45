using CsCheck;
using TickToTrade.Tests.Shared;

namespace TickToTrade.Book.Tests;

/// <summary>
/// Model-based: long random valid event sequences over thousands of symbols,
/// applied to the array book and to the naive reference; best prices, sizes,
/// order counts and 16-level depth must be identical after every event. Order
/// references come from the whole 64-bit range (0 and 2^64 − 1 first, then
/// sequential, strided, top-bits-only or uniformly random numbering), and the
/// symbols' locates include 1 and 65,535.
/// </summary>
public sealed class BookModelTests
{
    private const int Depth = 16; // past the top tier (LevelBook.TopLevels), so levels moving between tiers are compared too

    /// <summary>One step of the random walk: what to do and three raw numbers it is interpreted from.</summary>
    private readonly record struct Op(byte Kind, uint A, uint B, uint C);

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Byte[0, 99], Gen.UInt, Gen.UInt, Gen.UInt, (k, a, b, c) => new Op(k, a, b, c));

    private sealed class Harness : IDisposable
    {
        public readonly OrderBook Book;
        public readonly ReferenceBook Model = new();
        private readonly List<ulong> _live = [];
        private readonly ushort[] _locates;
        private readonly string _pattern;
        private readonly HashSet<ulong> _used = [];
        private ulong _counter;
        private ulong _lastReplacement;

        public Harness(int symbols, string pattern = "sequential", BookOptions? options = null)
        {
            // Locates spread over the whole 16-bit range, the two ends included.
            _locates = new ushort[symbols];
            for (int i = 0; i < symbols; i++)
                _locates[i] = symbols == 1 ? (ushort)65_535 : (ushort)(1 + (long)i * 65_534 / (symbols - 1));
            _pattern = pattern;
            Book = new OrderBook(options ?? new BookOptions { MaxOrders = 1 << 16, Levels = 1 << 16 });
        }

        /// <summary>The next unused reference: 0 and 2^64 − 1 first, then the pattern's numbering.</summary>
        private ulong NextReference()
        {
            while (true)
            {
                ulong n = _counter++;
                ulong r = n switch { 0 => 0, 1 => ulong.MaxValue, _ => OrderStoreTests.PatternValue(_pattern, n) };
                if (_used.Add(r))
                    return r;
            }
        }

        /// <summary>Applies one op to both books (made valid against the live orders); returns the locate touched.</summary>
        public ushort Apply(Op op)
        {
            if (_live.Count == 0 || op.Kind < 40)
                return Add(op);
            int i = (int)(op.A % (uint)_live.Count);
            ulong reference = _live[i];
            ReferenceBook.Order o = Model.Orders[reference];
            switch (op.Kind)
            {
                case < 52: // E: partial, or the whole remainder one time in three
                {
                    uint shares = op.C % 3 == 0 ? o.Shares : 1 + op.B % o.Shares;
                    Book.ApplyExecution(0, reference, shares, op.C, 0);
                    Reduce(i, reference, shares, o);
                    break;
                }
                case < 56: // C: executed at another price, taken from the order's own level
                {
                    uint shares = 1 + op.B % o.Shares;
                    Book.ApplyExecution(0, reference, shares, op.C, o.Price + 100);
                    Reduce(i, reference, shares, o);
                    break;
                }
                case < 64: // X: partial cancel
                {
                    if (o.Shares < 2)
                        goto case 99;
                    uint shares = 1 + op.B % (o.Shares - 1);
                    Book.ApplyCancel(0, reference, shares);
                    Reduce(i, reference, shares, o);
                    break;
                }
                case < 88: // D
                case 99:
                    Book.ApplyDelete(0, reference);
                    Model.Delete(reference);
                    RemoveLive(i);
                    break;
                default: // U, often on the order just replaced: replace chains
                {
                    if (op.C % 2 == 0 && Model.Orders.ContainsKey(_lastReplacement))
                    {
                        reference = _lastReplacement;
                        i = _live.IndexOf(reference);
                        o = Model.Orders[reference];
                    }
                    ulong fresh = NextReference();
                    uint price = Price(o.Bid, op.B);
                    uint shares = 1 + op.C % 5000;
                    Book.ApplyReplace(0, reference, fresh, shares, price);
                    Model.Replace(reference, fresh, shares, price);
                    _live[i] = fresh;
                    _lastReplacement = fresh;
                    break;
                }
            }
            return o.Locate;
        }

        private ushort Add(Op op)
        {
            ushort locate = _locates[op.A % (uint)_locates.Length];
            bool bid = (op.B & 1) == 0;
            uint price = Price(bid, op.B >> 1);
            uint shares = 1 + op.C % 5000;
            ulong reference = NextReference();
            Book.ApplyAdd(locate, 0, reference, bid ? (byte)'B' : (byte)'S', shares, price);
            Model.Add(reference, locate, bid, price, shares);
            _live.Add(reference);
            return locate;
        }

        /// <summary>Prices cluster near 100.00 with a tail 60 ticks deep, so levels are shared and reordered.</summary>
        private static uint Price(bool bid, uint r)
        {
            uint ticks = r % 8 == 0 ? r % 60 : r % 6;
            return bid ? 1_000_000 - 100 * ticks : 1_000_100 + 100 * ticks;
        }

        private void Reduce(int i, ulong reference, uint shares, ReferenceBook.Order o)
        {
            Model.Reduce(reference, shares);
            if (shares >= o.Shares)
                RemoveLive(i);
        }

        private void RemoveLive(int i)
        {
            _live[i] = _live[^1];
            _live.RemoveAt(_live.Count - 1);
        }

        public void AssertSame(ushort locate)
        {
            Span<PriceLevel> levels = stackalloc PriceLevel[Depth];
            foreach (bool bid in new[] { true, false })
            {
                List<(uint Price, ulong Shares, int Orders)> expected = Model.Depth(locate, bid, Depth);
                int n = Book.Depth(locate, bid ? Side.Bid : Side.Ask, levels);
                Assert.Equal(expected.Count, n);
                for (int k = 0; k < n; k++)
                    Assert.Equal(expected[k], (levels[k].Price, levels[k].Shares, (int)levels[k].Orders));
            }
            TopOfBook top = Book.Top(locate);
            Assert.Equal(Model.Depth(locate, true, 1).Select(l => l.Price).FirstOrDefault(), top.HasBid ? top.Bid.Price : 0);
            Assert.Equal(Model.Depth(locate, false, 1).Select(l => l.Price).FirstOrDefault(), top.HasAsk ? top.Ask.Price : 0);
        }

        public void AssertAllSame()
        {
            foreach (ushort l in _locates)
                AssertSame(l);
            Assert.Equal(Model.Orders.Count, Book.Orders.Count);
        }

        public void Dispose() => Book.Dispose();
    }

    public static TheoryData<string> Patterns => ["sequential", "stride2^20", "top-bits", "random"];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void RandomValidSequences_AgreeWithTheReference_AfterEveryEvent(string pattern)
    {
        GenOp.List[1, 3000].Sample(ops =>
        {
            using var h = new Harness(symbols: 3, pattern);
            foreach (Op op in ops)
                h.AssertSame(h.Apply(op));
            h.AssertAllSame();
            Assert.Equal(0, h.Book.Counters.UnknownOrders + h.Book.Counters.Overfills + h.Book.Counters.DegradedSymbols);
        }, iter: 30);
    }

    [Fact]
    public void ThousandsOfSymbols_LongSequence_AgreeAfterEveryEvent()
    {
        GenOp.List[200_000].Sample(ops =>
        {
            using var h = new Harness(symbols: 2000, "random");
            for (int k = 0; k < ops.Count; k++)
            {
                h.AssertSame(h.Apply(ops[k]));
                if (k % 50_000 == 0)
                    h.AssertAllSame();
            }
            h.AssertAllSame();
        }, iter: 1);
    }

    [Fact]
    public void ReplaceChain_KeepsSideAndSymbol_AndMovesTheOrder()
    {
        using var h = new Harness(symbols: 1);
        h.Book.ApplyAdd(1, 0, 10, (byte)'S', 300, 1_000_100);
        h.Book.ApplyReplace(0, 10, 11, 200, 1_000_300);
        h.Book.ApplyReplace(0, 11, 12, 100, 1_000_200);
        TopOfBook t = h.Book.Top(1);
        Assert.False(t.HasBid);
        Assert.Equal((1_000_200u, 100UL, 1u), (t.Ask.Price, t.Ask.Shares, t.Ask.Orders));
        Assert.Equal(1, h.Book.Orders.Count);
        h.Book.ApplyDelete(0, 11); // the old reference is gone
        Assert.Equal(1, h.Book.Counters.UnknownOrders);
    }

    [Fact]
    public void PartialExecutionsToZero_RemoveTheOrderAndItsLevel()
    {
        using var h = new Harness(symbols: 1);
        h.Book.ApplyAdd(1, 0, 7, (byte)'B', 300, 999_900);
        h.Book.ApplyAdd(1, 0, 8, (byte)'B', 100, 999_800);
        h.Book.ApplyExecution(1, 7, 100, 1, 0);
        Assert.Equal(200UL, h.Book.Top(1).Bid.Shares);
        h.Book.ApplyExecution(2, 7, 150, 2, 0);
        h.Book.ApplyExecution(3, 7, 50, 3, 0);
        TopOfBook t = h.Book.Top(1);
        Assert.Equal((999_800u, 100UL), (t.Bid.Price, t.Bid.Shares));
        Assert.True(h.Book.LastChange.TouchMoved);
        Assert.Equal(999_900u, h.Book.Symbol(1).LastTradePrice);
        Assert.Equal(50UL, h.Book.Symbol(1).LastTradeShares);
        Assert.Equal(1, h.Book.Orders.Count);
    }
}
