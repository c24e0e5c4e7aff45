namespace TickToTrade.Net.Tests.Support;

/// <summary>Non-zero public fields of a counters object, for failure messages.</summary>
public static class CounterDump
{
    public static string Of(object counters) =>
        string.Join(" ", counters.GetType().GetFields().Where(f => f.FieldType == typeof(long) && (long)f.GetValue(counters)! != 0)
            .Select(f => $"{f.Name}={f.GetValue(counters)}"));
}
