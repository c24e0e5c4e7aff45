using System.Text.Json;
using TickToTrade.App.Tests.Support;

namespace TickToTrade.App.Tests;

/// <summary>`ttt run`, the main job, through the real AOT binary and DPDK's net_pcap PMD.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void EmbeddedDefault_ReplaysTheGeneratedDay_ThroughTheWholeFeedPath()
    {
        TttProcess.Result r = TttProcess.Run("run");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout.Trim());
        JsonElement root = json.RootElement;
        Assert.Equal("out/data/default.pcap", root.GetProperty("input").GetString());
        Assert.Equal("net_pcap", root.GetProperty("driver").GetString());
        Assert.Equal(20000, root.GetProperty("messages").GetInt64());
        Assert.Equal(0, root.GetProperty("gaps").GetInt64());
        Assert.Equal(0, root.GetProperty("dropped_frames").GetInt64());
        Assert.Equal("live", root.GetProperty("feed_state").GetString());
        Assert.Equal(0, root.GetProperty("loop_allocated_bytes").GetInt64());
        Assert.Equal(0, root.GetProperty("loop_gen0_collections").GetInt32());
        Assert.True(root.GetProperty("port_counters").GetProperty("rx_empty_polls").GetInt64() > 0);
        Assert.True(root.GetProperty("live_orders").GetInt64() > 0);
        // The book the engine loop built over DPDK agrees with `ttt book` reading the file directly.
        TttProcess.Result top = TttProcess.Run("book", "out/data/default.pcap", "--top");
        Assert.Equal(top.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, root.GetProperty("symbols_with_orders").GetInt64());
        Assert.Equal(0, root.GetProperty("book_counters").GetProperty("unknown_orders").GetInt64());
        Assert.Equal(0, root.GetProperty("book_counters").GetProperty("degraded_symbols").GetInt64());

        // The same file read straight from disk by `ttt inspect`: DPDK delivered every frame.
        TttProcess.Result inspect = TttProcess.Run("inspect", "out/data/default.pcap");
        using JsonDocument reference = JsonDocument.Parse(inspect.Stdout);
        Assert.Equal(reference.RootElement.GetProperty("packets").GetInt64(), root.GetProperty("frames").GetInt64());
        Assert.Equal(reference.RootElement.GetProperty("by_type").GetRawText(), root.GetProperty("by_type").GetRawText());
    }

    [Fact]
    public void RealCapture_ReplaysTwoFrames_39Messages_OneGap()
    {
        TttProcess.Result r = TttProcess.Run("run", "--pcap", "tests/fixtures/itch50/Multiple.Packets.pcap");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout.Trim());
        JsonElement root = json.RootElement;
        Assert.Equal(2, root.GetProperty("frames").GetInt64());
        Assert.Equal(87 + 1518, root.GetProperty("bytes").GetInt64());
        Assert.Equal(39, root.GetProperty("messages").GetInt64());
        Assert.Equal(1, root.GetProperty("gaps").GetInt64());
        Assert.Equal(0, root.GetProperty("loop_allocated_bytes").GetInt64());
        Assert.Contains("ttt: feed: gap: expected sequence 14764497", r.Stderr);
    }

    [Fact]
    public void ConfiguredSourceAndSession_FilterTheFeed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ttt-feed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "Feed": { "Endpoints": [ "233.54.12.111:26477" ], "Source": "206.200.127.138", "Session": "000010059B" },
              "Replay": { "Pcap": "tests/fixtures/itch50/Multiple.Packets.pcap" } }
            """);
        string other = Path.Combine(Path.GetTempPath(), $"ttt-feed-{Guid.NewGuid():N}.json");
        File.WriteAllText(other, """
            { "Feed": { "Endpoints": [ "233.54.12.111:26477" ], "Source": "198.51.100.10" },
              "Replay": { "Pcap": "tests/fixtures/itch50/Multiple.Packets.pcap" } }
            """);
        try
        {
            using JsonDocument match = JsonDocument.Parse(TttProcess.Run("run", "--config", path).Stdout);
            Assert.Equal(39, match.RootElement.GetProperty("messages").GetInt64());
            using JsonDocument miss = JsonDocument.Parse(TttProcess.Run("run", "--config", other).Stdout);
            Assert.Equal(0, miss.RootElement.GetProperty("messages").GetInt64());
            Assert.Equal(2, miss.RootElement.GetProperty("feed_counters").GetProperty("filtered_out").GetInt64());
        }
        finally
        {
            File.Delete(path);
            File.Delete(other);
        }
    }

    [Fact]
    public void PcapOverride_CountsEveryFrameOfAnotherCapture()
    {
        TttProcess.Result r = TttProcess.Run("run", "--pcap", "tests/fixtures/itch50/OrderDeleteMessage.pcap");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout.Trim());
        Assert.Equal(1, json.RootElement.GetProperty("frames").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("by_type").GetProperty("D").GetInt64());
    }

    [Fact]
    public void MissingCapture_IsOneClearErrorLine_NotAStackTrace()
    {
        TttProcess.Result r = TttProcess.Run("run", "--pcap", "no/such/file.pcap");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ttt: error: the capture to replay, \"no/such/file.pcap\", does not exist", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Fact]
    public void ConfigWithUnknownKey_IsRejectedByName()
    {
        string path = Path.Combine(Path.GetTempPath(), $"ttt-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "Eal": { "Args": "--no-pci", "MempolSize": 100 } }""");
        try
        {
            TttProcess.Result r = TttProcess.Run("run", "--config", path);
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith("ttt: error: ", r.Stderr);
            Assert.Contains("MempolSize", r.Stderr);
            Assert.DoesNotContain("   at ", r.Stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadEalArguments_ReportDpdksReason()
    {
        TttProcess.Result r = TttProcess.Run("run", "--eal", "--no-pci --no-such-eal-flag");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ttt: error: EAL initialisation with", r.Stderr);
        Assert.Contains("Invalid argument", r.Stderr);
    }
}
