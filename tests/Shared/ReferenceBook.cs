namespace TickToTrade.Tests.Shared;

/// <summary>
/// A deliberately naive order book, written for obviousness, not speed: a
/// dictionary of orders and a SortedDictionary of levels per side. The array
/// book must agree with it after every event.
/// </summary>
public sealed class ReferenceBook
{
    public sealed record Order(ushort Locate, bool Bid, uint Price, uint Shares);

    private readonly Dictionary<ulong, Order> _orders = [];
    private readonly Dictionary<ushort, SortedDictionary<uint, (ulong Shares, int Orders)>> _bids = [];
    private readonly Dictionary<ushort, SortedDictionary<uint, (ulong Shares, int Orders)>> _asks = [];
    private readonly Dictionary<ushort, string> _names = [];

    public IReadOnlyDictionary<ulong, Order> Orders => _orders;

    public void Name(ushort locate, string stock) => _names[locate] = stock;

    public void Add(ulong reference, ushort locate, bool bid, uint price, uint shares)
    {
        _orders.Add(reference, new Order(locate, bid, price, shares));
        Change(locate, bid, price, (long)shares, +1);
    }

    /// <summary>E, C and X: shares leave the order; at zero it is gone.</summary>
    public void Reduce(ulong reference, uint shares)
    {
        Order o = _orders[reference];
        if (shares >= o.Shares)
        {
            _orders.Remove(reference);
            Change(o.Locate, o.Bid, o.Price, -(long)o.Shares, -1);
        }
        else
        {
            _orders[reference] = o with { Shares = o.Shares - shares };
            Change(o.Locate, o.Bid, o.Price, -(long)shares, 0);
        }
    }

    public void Delete(ulong reference) => Reduce(reference, uint.MaxValue);

    public void Replace(ulong original, ulong replacement, uint shares, uint price)
    {
        Order o = _orders[original];
        Delete(original);
        Add(replacement, o.Locate, o.Bid, price, shares);
    }

    private void Change(ushort locate, bool bid, uint price, long shares, int orders)
    {
        Dictionary<ushort, SortedDictionary<uint, (ulong, int)>> sides = bid ? _bids : _asks;
        if (!sides.TryGetValue(locate, out SortedDictionary<uint, (ulong Shares, int Orders)>? levels))
            sides[locate] = levels = [];
        levels.TryGetValue(price, out (ulong Shares, int Orders) level);
        level = ((ulong)((long)level.Shares + shares), level.Orders + orders);
        if (level.Orders == 0)
            levels.Remove(price);
        else
            levels[price] = level;
    }

    /// <summary>Levels of one side, best first: (price, shares, orders).</summary>
    public List<(uint Price, ulong Shares, int Orders)> Depth(ushort locate, bool bid, int n)
    {
        if (!(bid ? _bids : _asks).TryGetValue(locate, out SortedDictionary<uint, (ulong Shares, int Orders)>? levels))
            return [];
        IEnumerable<KeyValuePair<uint, (ulong Shares, int Orders)>> ordered = bid ? levels.Reverse() : levels;
        return ordered.Take(n).Select(kv => (kv.Key, kv.Value.Shares, kv.Value.Orders)).ToList();
    }

    /// <summary>The `ttt book --top` lines this book would print.</summary>
    public string TopLines()
    {
        var locates = new SortedSet<ushort>(_bids.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key)
            .Concat(_asks.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key)));
        var text = new System.Text.StringBuilder();
        foreach (ushort l in locates)
        {
            var bid = Depth(l, true, 1);
            var ask = Depth(l, false, 1);
            text.Append($"{l} {_names.GetValueOrDefault(l, "?")} ");
            text.Append(bid.Count > 0 ? $"{bid[0].Price} {bid[0].Shares}" : "- 0").Append(' ');
            text.Append(ask.Count > 0 ? $"{ask[0].Price} {ask[0].Shares}" : "- 0").Append('\n');
        }
        return text.ToString();
    }
}
