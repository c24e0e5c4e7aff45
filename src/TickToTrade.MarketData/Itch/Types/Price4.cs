using System.Globalization;

namespace TickToTrade.MarketData.Itch;

/// <summary>ITCH 5.0 Price (4): an unsigned integer with 4 implied decimal places (§1 "Data Types"). 1234500 is 123.45.</summary>
public readonly record struct Price4(uint Value) : IComparable<Price4>
{
    public const int Scale = 10_000;

    public decimal ToDecimal() => Value / (decimal)Scale;

    public int CompareTo(Price4 other) => Value.CompareTo(other.Value);

    public override string ToString() => (Value / Scale).ToString(CultureInfo.InvariantCulture) + "." + (Value % Scale).ToString("D4", CultureInfo.InvariantCulture);
}
