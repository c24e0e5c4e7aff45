namespace TickToTrade.Book;

/// <summary>A number of shares of one order (ITCH 5.0: a 4-byte integer), so a size cannot be passed where a price goes.</summary>
public readonly record struct Shares(uint Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
