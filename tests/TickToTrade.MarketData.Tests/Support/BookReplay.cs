using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.MarketData.Tests.Support;

/// <summary>
/// A plain dictionary model of the book a generated day builds: it replays the messages and fails on the first
/// one a real book could not apply exactly (a reference that is not live or is used twice, a locate other than the
/// order's or outside the directory, an execution or cancel above the open size, a price of zero). It also measures
/// what the generator claims about the day: the peak live count and the deepest side.
/// </summary>
public sealed class BookReplay
{
    private readonly record struct Order(ushort Locate, byte Side, uint Shares, uint Price);

    private readonly Dictionary<ulong, Order> _live = [];
    private readonly HashSet<ulong> _used = [];
    private readonly Dictionary<(ushort Locate, byte Side), Dictionary<uint, int>> _levels = [];
    private int _index;

    /// <summary>Stock locate to name, from the stock directory (R).</summary>
    public Dictionary<ushort, Symbol> Directory { get; } = [];
    /// <summary>The directory's locates in the order the R messages came.</summary>
    public List<ushort> DirectoryLocates { get; } = [];
    /// <summary>Every new order reference (A, F, and a replace's new one), in order.</summary>
    public List<ulong> References { get; } = [];
    public long PeakLive { get; private set; }
    public int MaxSideLevels { get; private set; }
    public long LiveAtEnd => _live.Count;
    /// <summary>Messages per locate, directory and trading action excluded.</summary>
    public Dictionary<ushort, long> FlowByLocate { get; } = [];

    public static BookReplay Run(IEnumerable<byte[]> messages)
    {
        var replay = new BookReplay();
        foreach (byte[] m in messages)
        {
            replay.Apply(m);
            replay._index++;
        }
        return replay;
    }

    private void Apply(byte[] m)
    {
        switch (m[0])
        {
            case (byte)'S':
                break;
            case (byte)'R':
                Parse(m, out StockDirectoryRepr r);
                if (!Directory.TryAdd(r.StockLocate.Value, r.Stock))
                    Fail($"locate {r.StockLocate.Value} is in the directory twice");
                if (r.StockLocate.Value == 0)
                    Fail("a directory entry has locate 0");
                DirectoryLocates.Add(r.StockLocate.Value);
                break;
            case (byte)'H':
                Parse(m, out StockTradingActionRepr h);
                if (!Directory.TryGetValue(h.StockLocate.Value, out Symbol named) || named != h.Stock)
                    Fail($"trading action for {h.Stock} on locate {h.StockLocate.Value}, not its directory locate");
                break;
            case (byte)'A':
                Parse(m, out AddOrderRepr a);
                Add(a.StockLocate.Value, a.Stock, a.OrderReference.Value, a.Side, a.Shares, a.Price.Value);
                break;
            case (byte)'F':
                Parse(m, out AddOrderWithMpidRepr f);
                Add(f.StockLocate.Value, f.Stock, f.OrderReference.Value, f.Side, f.Shares, f.Price.Value);
                break;
            case (byte)'E':
                Parse(m, out OrderExecutedRepr e);
                Reduce(e.StockLocate.Value, e.OrderReference.Value, e.ExecutedShares);
                break;
            case (byte)'C':
                Parse(m, out OrderExecutedWithPriceRepr c);
                if (c.ExecutionPrice.Value == 0)
                    Fail("an execution at price 0");
                Reduce(c.StockLocate.Value, c.OrderReference.Value, c.ExecutedShares);
                break;
            case (byte)'X':
                Parse(m, out OrderCancelRepr x);
                Reduce(x.StockLocate.Value, x.OrderReference.Value, x.CancelledShares);
                break;
            case (byte)'D':
                Parse(m, out OrderDeleteRepr d);
                Remove(d.StockLocate.Value, d.OrderReference.Value);
                break;
            case (byte)'U':
                Parse(m, out OrderReplaceRepr u);
                // §1.4.5: the new order takes the old one's side and locate.
                Order old = Remove(u.StockLocate.Value, u.OriginalOrderReference.Value);
                Add(old.Locate, Directory[old.Locate], u.NewOrderReference.Value, old.Side, u.Shares, u.Price.Value);
                break;
            case (byte)'P':
                Parse(m, out TradeRepr p);
                Flow(p.StockLocate.Value);
                if (p.OrderReference.Value != 0)
                    Fail("a non-displayed trade with a nonzero reference");
                break;
            default:
                Fail($"unexpected message type '{(char)m[0]}'");
                break;
        }
    }

    private void Add(ushort locate, Symbol stock, ulong reference, byte side, uint shares, uint price)
    {
        Flow(locate);
        if (Directory[locate] != stock)
            Fail($"an add for {stock} on locate {locate}, which the directory gave to {Directory[locate]}");
        if (reference == 0)
            Fail("an order with reference 0");
        if (!_used.Add(reference))
            Fail($"order reference {reference} used twice");
        if (side is not ((byte)'B' or (byte)'S'))
            Fail($"side '{(char)side}'");
        if (shares == 0 || price == 0)
            Fail($"an order of {shares} shares at {price}");
        _live.Add(reference, new Order(locate, side, shares, price));
        References.Add(reference);
        PeakLive = Math.Max(PeakLive, _live.Count);
        Dictionary<uint, int> levels = Levels(locate, side);
        CollectionsMarshal.GetValueRefOrAddDefault(levels, price, out _)++;
        MaxSideLevels = Math.Max(MaxSideLevels, levels.Count);
    }

    private void Reduce(ushort locate, ulong reference, uint shares)
    {
        Order o = Live(locate, reference);
        if (shares == 0 || shares > o.Shares)
            Fail($"{shares} shares off order {reference}, which has {o.Shares} open");
        if (shares == o.Shares)
            Remove(locate, reference);
        else
            _live[reference] = o with { Shares = o.Shares - shares };
    }

    private Order Remove(ushort locate, ulong reference)
    {
        Order o = Live(locate, reference);
        _live.Remove(reference);
        Dictionary<uint, int> levels = Levels(o.Locate, o.Side);
        if (--levels[o.Price] == 0)
            levels.Remove(o.Price);
        return o;
    }

    private Order Live(ushort locate, ulong reference)
    {
        Flow(locate);
        if (!_live.TryGetValue(reference, out Order o))
            Fail($"order reference {reference} is not live");
        if (o.Locate != locate)
            Fail($"order {reference} lives on locate {o.Locate}, not {locate}");
        return o;
    }

    private void Flow(ushort locate)
    {
        if (!Directory.ContainsKey(locate))
            Fail($"locate {locate} is not in the directory");
        CollectionsMarshal.GetValueRefOrAddDefault(FlowByLocate, locate, out _)++;
    }

    private Dictionary<uint, int> Levels(ushort locate, byte side)
    {
        ref Dictionary<uint, int>? levels = ref CollectionsMarshal.GetValueRefOrAddDefault(_levels, (locate, side), out _);
        return levels ??= [];
    }

    private void Parse<TRepr>(byte[] m, out TRepr repr) where TRepr : struct, IItchRepr<TRepr>
    {
        if (!TRepr.TryParse(m, out repr))
            Fail($"'{(char)m[0]}' does not parse");
    }

    [DoesNotReturn]
    private void Fail(string what) => Assert.Fail($"message {_index}: {what}");
}
