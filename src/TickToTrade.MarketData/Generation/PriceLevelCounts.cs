using System.Runtime.InteropServices;

namespace TickToTrade.MarketData.Generation;

/// <summary>
/// Live orders per price on each side of each symbol, so the generator can report how deep a side got
/// (<see cref="GeneratorSummary.MaxSideLevels"/>). It changes only when an order appears or leaves,
/// never on a partial fill or cancel, so it costs a dictionary update per add and per removal.
/// </summary>
public sealed class PriceLevelCounts
{
    private readonly Dictionary<uint, int>?[] _sides;

    public PriceLevelCounts(int symbols) => _sides = new Dictionary<uint, int>?[2 * symbols];

    /// <summary>The most distinct prices one side has held at once.</summary>
    public int MaxSideLevels { get; private set; }

    public void Add(int symbol, byte side, uint price)
    {
        Dictionary<uint, int> levels = _sides[Index(symbol, side)] ??= [];
        CollectionsMarshal.GetValueRefOrAddDefault(levels, price, out _)++;
        MaxSideLevels = Math.Max(MaxSideLevels, levels.Count);
    }

    public void Remove(int symbol, byte side, uint price)
    {
        Dictionary<uint, int> levels = _sides[Index(symbol, side)]!;
        ref int orders = ref CollectionsMarshal.GetValueRefOrNullRef(levels, price);
        if (--orders == 0)
            levels.Remove(price);
    }

    private static int Index(int symbol, byte side) => 2 * symbol + (side == 'B' ? 0 : 1);
}
