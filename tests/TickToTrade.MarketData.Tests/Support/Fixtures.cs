namespace TickToTrade.MarketData.Tests.Support;

/// <summary>The real NASDAQ captures copied into tests/fixtures from ../shared/data/real.</summary>
public static class Fixtures
{
    public static string RepoRoot => TickToTrade.Tests.Shared.RepoRoot.Path;

    public static string Itch50(string name) => Path.Combine(RepoRoot, "tests", "fixtures", "itch50", name);

    public static string DayFile => Path.Combine(RepoRoot, "tests", "fixtures", "itchfile", "sample-first1000.itch");

}
