namespace TickToTrade.MarketData.Itch;

/// <summary>ITCH 5.0 Match Number: the day-unique id of an execution (§1.4.1, §1.5).</summary>
public readonly record struct MatchNumber(ulong Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
