using TickToTrade.App.Configuration;

namespace TickToTrade.App.Tests;

public sealed class ConfigLoaderTests
{
    [Fact]
    public void EmbeddedDefault_MatchesConfigTttJson()
    {
        EngineConfig c = ConfigLoader.Load(null);
        Assert.Equal("out/data/default.pcap", c.Replay.Pcap);
        Assert.Equal(["233.54.12.111:26477", "233.54.12.112:26478"], c.Feed.Endpoints);
        Assert.Equal(8191u, c.Eal.MempoolSize);
        Assert.Contains("--in-memory", c.Eal.Args);
    }

    [Theory]
    [InlineData("""{ "Replay": { "IdleMilliseconds": 0 } }""", "Replay.IdleMilliseconds must be 1..60000")]
    [InlineData("""{ "Eal": { "MempoolSize": 10 } }""", "Eal.MempoolSize must be at least 64")]
    [InlineData("""{ "Eal": { "Args": " " } }""", "Eal.Args is empty")]
    [InlineData("""{ "Eal": { "MempoolSize": "lots" } }""", "MempoolSize")]
    [InlineData("""{ "Nope": 1 }""", "Nope")]
    [InlineData("""{ "Feed": { "Source": "198.51.100" } }""", "Feed.Source")]
    [InlineData("""{ "Feed": { "Session": "ELEVENCHARS" } }""", "Feed.Session")]
    [InlineData("""{ "Book": { "Levels": 0 } }""", "Book.Levels must be 1..2^30")]
    [InlineData("""{ "Feed": { "Endpoints": [ "233.54.12.111" ] } }""", "Feed.Endpoints")]
    [InlineData("""{ "Eal": """, "not valid JSON")]
    public void BadConfig_IsAConfigExceptionThatSaysWhy(string json, string expected)
    {
        string path = Path.Combine(Path.GetTempPath(), $"ttt-cfg-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path));
            Assert.Contains(expected, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingConfigFile_IsNamed()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("/no/such/ttt.json"));
        Assert.Contains("\"/no/such/ttt.json\" does not exist", e.Message);
    }
}
