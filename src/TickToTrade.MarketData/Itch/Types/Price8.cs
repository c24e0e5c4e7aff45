using System.Globalization;

namespace TickToTrade.MarketData.Itch;

/// <summary>ITCH 5.0 Price (8): an unsigned integer with 8 implied decimal places, used by the MWCB levels (§1.2.5.1).</summary>
public readonly record struct Price8(ulong Value)
{
    public const long Scale = 100_000_000;

    public decimal ToDecimal() => Value / (decimal)Scale;

    public override string ToString() => (Value / (ulong)Scale).ToString(CultureInfo.InvariantCulture) + "." + (Value % (ulong)Scale).ToString("D8", CultureInfo.InvariantCulture);
}
