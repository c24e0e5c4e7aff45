namespace TickToTrade.Tests.Shared;

/// <summary>The repository's root (where TickToTrade.sln is), found from the test binary's folder.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "TickToTrade.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("TickToTrade.sln not found above " + AppContext.BaseDirectory);
    }
}
