namespace TickToTrade.PacketIO.Tests.Support;

/// <summary>Finds the repository's test fixtures (tests/fixtures), copied from ../shared/data/real.</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Path(string relative) => System.IO.Path.Combine(RepoRoot, "tests", "fixtures", relative);

    public static string MultiplePackets => Path("itch50/Multiple.Packets.pcap");

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TickToTrade.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("TickToTrade.sln not found above " + AppContext.BaseDirectory);
    }
}
