using System.Security.Cryptography;
using System.Text.Json;
using TickToTrade.App.Tests.Support;

namespace TickToTrade.App.Tests;

/// <summary>`ttt gen` through the AOT binary: deterministic, realistic, readable back by `ttt inspect`.</summary>
public sealed class GenCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ttt-gen-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (JsonDocument Summary, string Path) Gen(string name, params string[] extra)
    {
        string path = Path.Combine(_dir, name);
        TttProcess.Result r = TttProcess.Run(["gen", "--out", path, .. extra]);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return (JsonDocument.Parse(r.Stdout), path);
    }

    private static JsonElement Inspect(string path)
    {
        TttProcess.Result r = TttProcess.Run("inspect", path);
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public void SameSeed_SameBytes_OtherSeed_OtherBytes()
    {
        (_, string a) = Gen("a.pcap", "--symbols", "50", "--messages", "20000", "--seed", "5");
        (_, string b) = Gen("b.pcap", "--symbols", "50", "--messages", "20000", "--seed", "5");
        (_, string c) = Gen("c.pcap", "--symbols", "50", "--messages", "20000", "--seed", "6");
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(a)), SHA256.HashData(File.ReadAllBytes(b)));
        Assert.NotEqual(SHA256.HashData(File.ReadAllBytes(a)), SHA256.HashData(File.ReadAllBytes(c)));
    }

    [Fact]
    public void GeneratedDay_LooksLikeARealOne_AndInspectAgrees()
    {
        (JsonDocument summary, string path) = Gen("day.pcap", "--symbols", "200", "--messages", "200000", "--seed", "1");
        JsonElement s = summary.RootElement;
        Assert.Equal(200000, s.GetProperty("messages").GetInt64());
        Assert.InRange(s.GetProperty("cancelled_fraction").GetDouble(), 0.93, 0.97);
        JsonElement types = s.GetProperty("by_type");
        Assert.Equal(6, types.GetProperty("S").GetInt64()); // O S Q M E C
        Assert.Equal(200, types.GetProperty("R").GetInt64());
        Assert.Equal(200, types.GetProperty("H").GetInt64());
        foreach (string t in new[] { "A", "F", "E", "C", "X", "D", "U", "P" })
            Assert.True(types.GetProperty(t).GetInt64() > 0, t);
        Assert.True(types.GetProperty("F").GetInt64() < types.GetProperty("A").GetInt64());
        long packets = s.GetProperty("packets").GetInt64();
        Assert.InRange(200000.0 / packets, 3, 30); // several messages per packet: bursts

        JsonElement inspected = Inspect(path);
        Assert.Equal(200000, inspected.GetProperty("messages").GetInt64());
        Assert.Equal(types.GetRawText(), inspected.GetProperty("by_type").GetRawText());
        Assert.Equal(0, inspected.GetProperty("gaps").GetInt64());
        Assert.Equal(0, inspected.GetProperty("malformed").GetInt64());
        Assert.Equal(0, inspected.GetProperty("dropped_frames").GetInt64());
    }

    [Fact]
    public void DayFileFormat_HoldsTheSameMessages()
    {
        (JsonDocument pcap, _) = Gen("d.pcap", "--symbols", "20", "--messages", "5000", "--seed", "2");
        (JsonDocument itch, string path) = Gen("d.itch", "--symbols", "20", "--messages", "5000", "--seed", "2", "--format", "itch");
        Assert.Equal(pcap.RootElement.GetProperty("by_type").GetRawText(), itch.RootElement.GetProperty("by_type").GetRawText());
        JsonElement inspected = Inspect(path);
        Assert.Equal("itch", inspected.GetProperty("format").GetString());
        Assert.Equal(5000, inspected.GetProperty("messages").GetInt64());
    }

    [Fact]
    public void GapsAndABLines_ShowUpInInspect()
    {
        (JsonDocument gapped, string g) = Gen("gap.pcap", "--symbols", "20", "--messages", "10000", "--gap-every", "10");
        long dropped = gapped.RootElement.GetProperty("dropped_packets").GetInt64();
        Assert.True(dropped > 0);
        Assert.Equal(dropped, Inspect(g).GetProperty("gaps").GetInt64());

        (JsonDocument ab, string a) = Gen("ab.pcap", "--symbols", "20", "--messages", "10000", "--ab");
        JsonElement inspected = Inspect(a);
        Assert.Equal(ab.RootElement.GetProperty("packets").GetInt64(), inspected.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, inspected.GetProperty("gaps").GetInt64());
    }

    [Fact]
    public void RealisticProfile_Random64_SpreadLocates_ReachTheSummary_AndInspectReadsTheDay()
    {
        string[] day = ["--symbols", "50", "--messages", "200000", "--seed", "6", "--format", "itch"];
        (JsonDocument plain, _) = Gen("plain.itch", day);
        (JsonDocument deep, string path) = Gen("deep.itch", [.. day, "--profile", "realistic", "--refs", "random64", "--max-locate", "65535"]);
        JsonElement p = plain.RootElement, d = deep.RootElement;
        Assert.True(d.GetProperty("peak_live_orders").GetInt64() > 2 * p.GetProperty("peak_live_orders").GetInt64());
        Assert.True(p.GetProperty("peak_live_orders").GetInt64() >= p.GetProperty("live_orders_at_end").GetInt64());
        Assert.InRange(p.GetProperty("max_side_levels").GetInt32(), 1, 30);
        Assert.True(d.GetProperty("max_side_levels").GetInt32() > 150);
        JsonElement inspected = Inspect(path);
        Assert.Equal(200000, inspected.GetProperty("messages").GetInt64());
        Assert.Equal(0, inspected.GetProperty("malformed").GetInt64());
    }

    [Fact]
    public void Help_DescribesTheNewOptions()
    {
        TttProcess.Result r = TttProcess.Run("gen", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string text in new[] { "--max-locate", "65535", "--refs", "nasdaq", "random64", "--profile", "default", "realistic" })
            Assert.Contains(text, r.Stdout);
    }

    [Theory]
    [InlineData("--profile", "busy", "--profile must be default or realistic, not \"busy\"")]
    [InlineData("--refs", "random32", "--refs must be nasdaq or random64, not \"random32\"")]
    [InlineData("--max-locate", "99", "--max-locate must be at least --symbols (100)")]
    [InlineData("--max-locate", "65536", "at most 65535")]
    public void BadNewValues_AreOneErrorLine_AndExitCodeTwo(string option, string value, string expected)
    {
        string path = Path.Combine(_dir, "bad.itch");
        TttProcess.Result r = TttProcess.Run("gen", "--symbols", "100", "--format", "itch", "--out", path, option, value);
        Assert.Equal(2, r.ExitCode);
        string line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ttt: error: ", line);
        Assert.Contains(expected, line);
        Assert.False(File.Exists(path));
    }
}
