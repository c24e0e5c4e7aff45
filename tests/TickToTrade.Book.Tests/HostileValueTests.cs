using CsCheck;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.Book.Tests;

/// <summary>
/// Values the spec does not define, in fields the book acts on, dispatched as the engine
/// does: each is counted and its message dropped (never guessed), nothing throws, and the
/// valid messages around them build exactly the book they build alone.
/// </summary>
public sealed class HostileValueTests
{
    private static readonly Symbol Stock = Symbol.FromString("ZVZZT");

    private static byte[] Bytes<TRepr>(TRepr repr) where TRepr : struct, IItchRepr<TRepr>
    {
        byte[] bytes = new byte[TRepr.Length];
        repr.Emit(bytes);
        return bytes;
    }

    private static void Dispatch(OrderBook book, IEnumerable<byte[]> messages)
    {
        var updater = BookUpdater.Create(book);
        foreach (byte[] m in messages)
            Assert.Equal(ItchStatus.Ok, ItchDispatcher.Dispatch(m, ref updater));
    }

    /// <summary>A byte that is none of <paramref name="legal"/>.</summary>
    private static Gen<byte> Outside(string legal) => Gen.Byte.Where(b => !legal.Contains((char)b));

    private static OrderBook NewBook() => new(new BookOptions { MaxOrders = 4096, Levels = 4096 });

    [Fact]
    public void UndefinedValues_AreCountedAndDropped_AndTheValidMessagesGiveTheExactBook()
    {
        // Valid order flow on a few locates (1 and 65,535 among them), with a hostile message after every valid one.
        Gen<byte[]> hostile = Gen.OneOf(
            Gen.Select(Outside("BS"), Gen.ULong, Gen.UShort[1, 65_535], (side, r, l) => Bytes(new AddOrderRepr(new StockLocate(l), 0, 1, new OrderRef(r), side, 100, Stock, new Price4(1_000_000)))),
            Gen.Select(Outside("BS"), Gen.ULong, (side, r) => Bytes(new AddOrderWithMpidRepr(new StockLocate(1), 0, 1, new OrderRef(r), side, 100, Stock, new Price4(1_000_000), Alpha4.FromString("GSCO")))),
            Gen.Select(Outside("YN"), Gen.ULong[0, 40], (p, r) => Bytes(new OrderExecutedWithPriceRepr(new StockLocate(1), 0, 1, new OrderRef(r), 10, new MatchNumber(1), p, new Price4(5)))),
            Outside("HPQT").Select(s => Bytes(new StockTradingActionRepr(new StockLocate(1), 0, 1, Stock, s, 0, Alpha4.FromString("")))),
            Outside("012").Select(a => Bytes(new RegShoRestrictionRepr(new StockLocate(1), 0, 1, Stock, a))),
            Outside("HT").Select(a => Bytes(new OperationalHaltRepr(new StockLocate(1), 0, 1, Stock, (byte)'Q', a))),
            Outside("QBX").Select(c => Bytes(new OperationalHaltRepr(new StockLocate(1), 0, 1, Stock, c, (byte)'H'))),
            Outside("123").Select(l => Bytes(new MwcbStatusRepr(new StockLocate(0), 0, 1, l))),
            Outside("BSNOP").Select(d => Bytes(new NetOrderImbalanceRepr(new StockLocate(1), 0, 1, 1, 2, d, Stock, new Price4(1), new Price4(1), new Price4(1), (byte)'O', (byte)'L'))),
            Outside("AEWSD").Select(s => Bytes(new MarketParticipantPositionRepr(new StockLocate(1), 0, 1, Alpha4.FromString("GSCO"), Stock, (byte)'Y', (byte)'N', s))),
            Outside("NPSRL").Select(m => Bytes(new MarketParticipantPositionRepr(new StockLocate(1), 0, 1, Alpha4.FromString("GSCO"), Stock, (byte)'Y', m, (byte)'A'))),
            Outside("YN").Select(p => Bytes(new MarketParticipantPositionRepr(new StockLocate(1), 0, 1, Alpha4.FromString("GSCO"), Stock, p, (byte)'N', (byte)'A'))),
            Outside("AC").Select(q => Bytes(new IpoQuotingPeriodUpdateRepr(new StockLocate(1), 0, 1, Stock, 36_000, q, new Price4(250_000)))),
            // A bad Printable on an order that is live: it must stay untouched.
            Gen.Select(Outside("YN"), Gen.Int[0, 39], (p, i) => Bytes(new OrderExecutedWithPriceRepr(new StockLocate(1), 0, 1, new OrderRef(1000 + (ulong)i), 10, new MatchNumber(1), p, new Price4(5)))));
        ushort[] locates = [1, 2, 65_535];
        Gen.Select(hostile.Array[40], Gen.UInt[0, 20].Array[40], Gen.Int[0, 2].Array[40]).Sample((bad, ticks, at) =>
        {
            var valid = new List<byte[]>();
            for (int i = 0; i < 40; i++)
            {
                var locate = new StockLocate(locates[at[i]]);
                valid.Add(Bytes(new AddOrderRepr(locate, 0, 1, new OrderRef(1000 + (ulong)i), (byte)(i % 2 == 0 ? 'B' : 'S'), 100 + (uint)i, Stock,
                    new Price4(i % 2 == 0 ? 1_000_000 - 100 * ticks[i] : 1_000_100 + 100 * ticks[i]))));
                if (i % 5 == 4)
                    valid.Add(Bytes(new OrderDeleteRepr(locate, 0, 1, new OrderRef(1000 + (ulong)i - 2))));
            }
            using OrderBook clean = NewBook(), mixed = NewBook();
            Dispatch(clean, valid);
            var interleaved = new List<byte[]>();
            for (int i = 0; i < valid.Count; i++)
            {
                interleaved.Add(valid[i]);
                if (i < bad.Length)
                    interleaved.Add(bad[i]);
            }
            Dispatch(mixed, interleaved);
            int hostileCount = Math.Min(bad.Length, valid.Count);
            Assert.Equal(hostileCount, mixed.Counters.InvalidSides + mixed.Counters.InvalidValues);
            Assert.Equal(0, clean.Counters.InvalidSides + clean.Counters.InvalidValues);
            Assert.Equal(clean.Orders.Count, mixed.Orders.Count);
            Span<PriceLevel> a = stackalloc PriceLevel[32], b = stackalloc PriceLevel[32];
            foreach (ushort l in locates)
            {
                foreach (Side side in new[] { Side.Bid, Side.Ask })
                {
                    int n = clean.Depth(new StockLocate(l), side, a);
                    Assert.Equal(n, mixed.Depth(new StockLocate(l), side, b));
                    Assert.True(a[..n].SequenceEqual(b[..n]));
                }
                Assert.Equal(clean.Symbol(new StockLocate(l)), mixed.Symbol(new StockLocate(l)));
            }
            Assert.Equal(clean.Market, mixed.Market);
        }, iter: 100);
    }

    [Fact]
    public void OrderEventsForAnUntrackedLocate_AreOutOfRange_NotUnknownOrders()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 2, Levels = 64 });
        var far = new StockLocate(3);
        Dispatch(book, [
            Bytes(new AddOrderRepr(far, 0, 1, new OrderRef(9), (byte)'B', 100, Stock, new Price4(1_000_000))),
            Bytes(new OrderExecutedRepr(far, 0, 2, new OrderRef(9), 10, new MatchNumber(1))),
            Bytes(new OrderExecutedWithPriceRepr(far, 0, 3, new OrderRef(9), 10, new MatchNumber(2), (byte)'Y', new Price4(5))),
            Bytes(new OrderCancelRepr(far, 0, 4, new OrderRef(9), 10)),
            Bytes(new OrderReplaceRepr(far, 0, 5, new OrderRef(9), new OrderRef(10), 10, new Price4(1))),
            Bytes(new OrderDeleteRepr(new StockLocate(0), 0, 6, new OrderRef(9))),
        ]);
        Assert.Equal(6, book.Counters.SymbolOutOfRange);
        Assert.Equal(0, book.Counters.UnknownOrders);
        Assert.Equal(0, book.Orders.Count);
    }

    [Fact]
    public void RandomBytesInEveryMessageType_NeverThrow_AndEveryLocateIsBoundsChecked()
    {
        // A small capacity, so most wire locates are beyond it: every one must be checked before it indexes native memory.
        using var book = new OrderBook(new BookOptions { MaxOrders = 256, MaxSymbols = 16, Levels = 64 });
        var updater = BookUpdater.Create(book);
        Gen.Select(Gen.Int[0, ItchMessageLengths.Types.Length - 1], Gen.Byte.Array[64]).Sample((t, body) =>
        {
            byte type = ItchMessageLengths.Types[t];
            byte[] m = body[..ItchMessageLengths.Of(type)];
            m[0] = type;
            ItchDispatcher.Dispatch(m, ref updater);
            ushort locate = (ushort)(m[1] << 8 | m[2]);
            _ = book.Symbol(new StockLocate(locate));
            _ = book.Top(new StockLocate(locate));
            _ = book.CanTrade(new StockLocate(locate));
            if (locate is 0 or > 16)
                Assert.Equal(0, book.Depth(new StockLocate(locate), Side.Bid, new PriceLevel[4]));
        }, iter: 20_000, threads: 1);
        Assert.True(book.Counters.SymbolOutOfRange > 0);
        Assert.True(book.Counters.InvalidSides > 0);
        Assert.Equal(default, book.Symbol(new StockLocate(0))); // the out-of-range answer is never written
        Assert.Equal(default, book.Symbol(new StockLocate(17)));
    }
}
