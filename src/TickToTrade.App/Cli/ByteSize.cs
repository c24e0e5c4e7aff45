using System.Globalization;

namespace TickToTrade.App.Cli;

/// <summary>Byte counts on the command line: "1048576", "64KiB", "64MiB", "1GiB" (also K/M/G as powers of 1024).</summary>
public static class ByteSize
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        string t = text.Trim();
        long unit = 1;
        foreach ((string suffix, long size) in new[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10) })
        {
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                unit = size;
                t = t[..^suffix.Length];
                break;
            }
        }
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n < 0 || n > long.MaxValue / unit)
            return false;
        bytes = n * unit;
        return true;
    }
}
