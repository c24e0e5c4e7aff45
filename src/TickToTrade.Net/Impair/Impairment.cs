using System.Globalization;

namespace TickToTrade.Net.Impair;

/// <summary>
/// Fault rates for <see cref="ImpairedPort{TInner}"/>: each a probability per
/// frame, plus a fixed extra delay. Parsed from the tcpcheck syntax
/// "loss=0.05,dup=0.01,reorder=0.05,corrupt=0.001,delay_us=200,down_ms=800".
/// </summary>
public sealed record Impairment
{
    public double Loss { get; init; }
    public double Duplicate { get; init; }
    public double Reorder { get; init; }
    public double Corrupt { get; init; }
    public long DelayNanoseconds { get; init; }
    /// <summary>The link is down for this long after the port is made: every frame, both ways, is dropped (a late link, a start-of-day flap).</summary>
    public long DownNanoseconds { get; init; }

    public static Impairment None { get; } = new();

    public bool IsNone => Loss == 0 && Duplicate == 0 && Reorder == 0 && Corrupt == 0 && DelayNanoseconds == 0 && DownNanoseconds == 0;

    /// <summary>True when only the start-up outage is asked for: past it, frames pass untouched.</summary>
    internal bool IsRatesNone => Loss == 0 && Duplicate == 0 && Reorder == 0 && Corrupt == 0 && DelayNanoseconds == 0;

    /// <summary>Parses the comma-separated key=value list; an unknown key or a bad value is an error naming it.</summary>
    public static bool TryParse(string text, out Impairment impairment, out string error)
    {
        impairment = None;
        error = "";
        var result = new Impairment();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || v < 0)
            {
                error = $"\"{part}\" is not key=value with a non-negative number";
                return false;
            }
            string key = part[..eq];
            if (key is not ("delay_us" or "down_ms") && v > 1)
            {
                error = $"{key}={v}: a rate is a probability between 0 and 1";
                return false;
            }
            switch (key)
            {
                case "loss": result = result with { Loss = v }; break;
                case "dup": result = result with { Duplicate = v }; break;
                case "reorder": result = result with { Reorder = v }; break;
                case "corrupt": result = result with { Corrupt = v }; break;
                case "delay_us": result = result with { DelayNanoseconds = (long)(v * 1000) }; break;
                case "down_ms": result = result with { DownNanoseconds = (long)(v * 1_000_000) }; break;
                default:
                    error = $"unknown impairment \"{key}\" (known: loss, dup, reorder, corrupt, delay_us, down_ms)";
                    return false;
            }
        }
        impairment = result;
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"loss={Loss},dup={Duplicate},reorder={Reorder},corrupt={Corrupt},delay_us={DelayNanoseconds / 1000.0},down_ms={DownNanoseconds / 1_000_000.0}");
}
