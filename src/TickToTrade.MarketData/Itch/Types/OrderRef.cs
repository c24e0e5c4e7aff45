namespace TickToTrade.MarketData.Itch;

/// <summary>ITCH 5.0 Order Reference Number: unique for the day across all orders (§1.3).</summary>
public readonly record struct OrderRef(ulong Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
