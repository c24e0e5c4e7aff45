namespace TickToTrade.Bench.Measure;

/// <summary>Resident memory of this process, from /proc/self/status.</summary>
public static class ProcessMemory
{
    /// <summary>(current resident set, peak resident set) in bytes.</summary>
    public static (long Rss, long Peak) Read()
    {
        long rss = 0, peak = 0;
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                rss = Kilobytes(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                peak = Kilobytes(line);
        }
        return (rss, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
}
