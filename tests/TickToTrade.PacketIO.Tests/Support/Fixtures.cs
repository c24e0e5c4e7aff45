namespace TickToTrade.PacketIO.Tests.Support;

/// <summary>Finds the repository's test fixtures (tests/fixtures), copied from ../shared/data/real.</summary>
public static class Fixtures
{
    public static string RepoRoot => TickToTrade.Tests.Shared.RepoRoot.Path;

    public static string Path(string relative) => System.IO.Path.Combine(RepoRoot, "tests", "fixtures", relative);

    public static string MultiplePackets => Path("itch50/Multiple.Packets.pcap");

}
