namespace TickToTrade.MarketData.Tests.Support;

/// <summary>The real NASDAQ captures copied into tests/fixtures from ../shared/data/real.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Itch50(string name) => Path.Combine(RepoRoot, "tests", "fixtures", "itch50", name);

    public static string DayFile => Path.Combine(RepoRoot, "tests", "fixtures", "itchfile", "sample-first1000.itch");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TickToTrade.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("TickToTrade.sln not found above " + AppContext.BaseDirectory);
    }
}
