namespace TickToTrade.PacketIO.Dpdk;

/// <summary>
/// Chooses EAL's memory mode: 2 MB hugepages when the machine has them free and
/// hugetlbfs mounted, otherwise <c>--no-huge -m 512</c>, announced in one line.
/// Arguments that already choose (--no-huge, -m, --socket-mem, --huge-dir) are kept as they are.
/// </summary>
public static class EalMemory
{
    /// <summary>Memory EAL takes without hugepages, in MB.</summary>
    public const int NoHugeMegabytes = 512;

    /// <summary>
    /// Returns the arguments to start EAL with and, when it fell back to ordinary
    /// pages, a one-line note saying why.
    /// </summary>
    public static (string[] Arguments, string? Note) Resolve(IReadOnlyList<string> arguments)
    {
        foreach (string a in arguments)
        {
            if (a is "--no-huge" or "-m" or "--huge-dir" || a.StartsWith("--socket-mem", StringComparison.Ordinal)
                || a.StartsWith("-m", StringComparison.Ordinal) && a.Length > 2 && char.IsDigit(a[2]))
                return ([.. arguments], null);
        }
        long free = FreeHugepages();
        bool mounted = HugetlbfsMounted();
        if (free > 0 && mounted)
            return ([.. arguments], null);
        string why = !mounted ? "hugetlbfs is not mounted" : "no free hugepages (HugePages_Free=0)";
        var fallback = new List<string>(arguments.Count + 4);
        foreach (string a in arguments)
        {
            if (a != "--in-memory")
                fallback.Add(a);
        }
        fallback.AddRange(["--no-huge", "--no-shconf", "-m", NoHugeMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return ([.. fallback],
                $"ttt: {why}; running EAL on ordinary pages with --no-huge --no-shconf -m {NoHugeMegabytes} (see README, Hugepages)");
    }

    /// <summary>HugePages_Free from /proc/meminfo, or 0.</summary>
    public static long FreeHugepages()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("HugePages_Free:", StringComparison.Ordinal))
                    return long.TryParse(line.AsSpan("HugePages_Free:".Length).Trim(), out long n) ? n : 0;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    /// <summary>True if a hugetlbfs is mounted anywhere.</summary>
    public static bool HugetlbfsMounted()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/mounts"))
            {
                string[] f = line.Split(' ');
                if (f.Length > 2 && f[2] == "hugetlbfs")
                    return true;
            }
        }
        catch (IOException)
        {
        }
        return false;
    }
}
