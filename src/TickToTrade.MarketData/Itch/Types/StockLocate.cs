namespace TickToTrade.MarketData.Itch;

/// <summary>ITCH 5.0 Stock Locate: the day's index of a security (§1 "Stock Locate"), 0 for market-wide messages.</summary>
public readonly record struct StockLocate(ushort Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
