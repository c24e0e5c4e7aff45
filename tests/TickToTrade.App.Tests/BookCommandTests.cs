using System.Text.Json;
using TickToTrade.App.Tests.Support;
using TickToTrade.MarketData.Itch.Reprs;
using TickToTrade.Tests.Shared;

namespace TickToTrade.App.Tests;

/// <summary>`ttt book` through the AOT binary, against the naive reference book.</summary>
public sealed class BookCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ttt-book-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Replays a day file into the reference book, message by message.</summary>
    private static ReferenceBook Reference(string dayFile)
    {
        var book = new ReferenceBook();
        byte[] bytes = File.ReadAllBytes(dayFile);
        foreach ((int Offset, int Length) record in DayFileRecords.Records(bytes))
        {
            ReadOnlySpan<byte> m = DayFileRecords.Message(bytes, record);
            switch ((char)m[0])
            {
                case 'R' when StockDirectoryRepr.TryParse(m, out var r): book.Name(r.StockLocate.Value, r.Stock.ToString()); break;
                case 'A' when AddOrderRepr.TryParse(m, out var a): book.Add(a.OrderReference.Value, a.StockLocate.Value, a.Side == 'B', a.Price.Value, a.Shares); break;
                case 'F' when AddOrderWithMpidRepr.TryParse(m, out var f): book.Add(f.OrderReference.Value, f.StockLocate.Value, f.Side == 'B', f.Price.Value, f.Shares); break;
                case 'E' when OrderExecutedRepr.TryParse(m, out var e): book.Reduce(e.OrderReference.Value, e.ExecutedShares); break;
                case 'C' when OrderExecutedWithPriceRepr.TryParse(m, out var c): book.Reduce(c.OrderReference.Value, c.ExecutedShares); break;
                case 'X' when OrderCancelRepr.TryParse(m, out var x): book.Reduce(x.OrderReference.Value, x.CancelledShares); break;
                case 'D' when OrderDeleteRepr.TryParse(m, out var d): book.Delete(d.OrderReference.Value); break;
                case 'U' when OrderReplaceRepr.TryParse(m, out var u): book.Replace(u.OriginalOrderReference.Value, u.NewOrderReference.Value, u.Shares, u.Price.Value); break;
            }
        }
        return book;
    }

    [Fact]
    public void OneMillionGeneratedMessages_TopMatchesTheReferenceExactly()
    {
        string itch = Path.Combine(_dir, "day.itch");
        string pcap = Path.Combine(_dir, "day.pcap");
        foreach ((string path, string format) in new[] { (itch, "itch"), (pcap, "pcap") })
        {
            TttProcess.Result gen = TttProcess.Run("gen", "--symbols", "500", "--messages", "1000000", "--seed", "17", "--format", format, "--out", path);
            Assert.True(gen.ExitCode == 0, gen.Stderr);
        }
        string expected = Reference(itch).TopLines();
        Assert.True(expected.Split('\n').Length > 400, "most symbols should have a live order at the end");

        foreach (string path in new[] { itch, pcap })
        {
            TttProcess.Result top = TttProcess.Run("book", path, "--top");
            Assert.True(top.ExitCode == 0, top.Stderr);
            Assert.Equal(expected, top.Stdout);
        }
    }

    [Theory]
    [InlineData("default", "random64", "65535")]
    [InlineData("realistic", "random64", "65535")]
    [InlineData("realistic", "nasdaq", "40000")]
    public void ReferencesOverTheWhole64BitRange_AndLocatesUpTo65535_TopMatchesTheReferenceExactly(string profile, string refs, string maxLocate)
    {
        string itch = Path.Combine(_dir, $"{profile}-{refs}.itch");
        TttProcess.Result gen = TttProcess.Run("gen", "--symbols", "400", "--messages", "600000", "--seed", "23", "--format", "itch",
            "--profile", profile, "--refs", refs, "--max-locate", maxLocate, "--out", itch);
        Assert.True(gen.ExitCode == 0, gen.Stderr);
        string expected = Reference(itch).TopLines();
        Assert.True(expected.Split('\n').Length > 300, "most symbols should have a live order at the end");
        TttProcess.Result top = TttProcess.Run("book", itch, "--top");
        Assert.True(top.ExitCode == 0, top.Stderr);
        Assert.Equal("", top.Stderr); // no alarm, nothing out of range
        Assert.Equal(expected, top.Stdout);
        int highest = top.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Max(l => int.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(highest > 16_384, $"the highest locate with orders was {highest}"); // above the old default capacity
    }

    [Fact]
    public void Bench_ReportsTheBuild()
    {
        string itch = Path.Combine(_dir, "small.itch");
        Assert.Equal(0, TttProcess.Run("gen", "--symbols", "50", "--messages", "50000", "--format", "itch", "--out", itch).ExitCode);
        TttProcess.Result r = TttProcess.Run("book", itch, "--bench");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        JsonElement root = json.RootElement;
        Assert.Equal(50000, root.GetProperty("messages").GetInt64());
        Assert.True(root.GetProperty("seconds").GetDouble() > 0);
        Assert.True(root.GetProperty("messages_per_second").GetDouble() > 0);
        Assert.Equal(0, root.GetProperty("counters").GetProperty("unknown_orders").GetInt64());
        Assert.Equal(0, root.GetProperty("counters").GetProperty("degraded_symbols").GetInt64());
        Assert.False(root.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public void ADayFileThatEndsInsideARecord_IsReported_AndTheRestApplied()
    {
        string itch = Path.Combine(_dir, "day.itch"), cut = Path.Combine(_dir, "cut.itch"), whole = Path.Combine(_dir, "whole.itch");
        Assert.Equal(0, TttProcess.Run("gen", "--symbols", "50", "--messages", "20000", "--format", "itch", "--out", itch).ExitCode);
        byte[] bytes = File.ReadAllBytes(itch);
        int last = DayFileRecords.LastRecordOffset(bytes);
        File.WriteAllBytes(cut, bytes.AsSpan(0, last + 5).ToArray());
        File.WriteAllBytes(whole, bytes.AsSpan(0, last).ToArray());

        TttProcess.Result r = TttProcess.Run("book", cut, "--top");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("ends inside a record; that partial record was not applied", r.Stderr);
        Assert.Equal(Reference(whole).TopLines(), r.Stdout);
    }

    [Fact]
    public void RealCapture_TopHasTheAddedMetaOrders()
    {
        TttProcess.Result r = TttProcess.Run("book", "tests/fixtures/itch50/Multiple.Packets.pcap", "--top");
        Assert.True(r.ExitCode == 0, r.Stderr);
        // No Stock Directory in the capture, so the symbol is "?"; the D refers to an order added before the capture.
        Assert.StartsWith("6514 ? ", r.Stdout);
    }

    [Fact]
    public void TinyCapacity_DegradesWithAnAlarm_NotACrash()
    {
        string itch = Path.Combine(_dir, "cap.itch");
        Assert.Equal(0, TttProcess.Run("gen", "--symbols", "20", "--messages", "20000", "--format", "itch", "--out", itch).ExitCode);
        TttProcess.Result r = TttProcess.Run("book", itch, "--bench", "--levels", "2");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("ttt: book: ALARM: locate", r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        long degraded = json.RootElement.GetProperty("counters").GetProperty("degraded_symbols").GetInt64();
        Assert.True(degraded > 0);
        // One alarm per degraded symbol: the untimed warm-up build's alarms are not reported again.
        Assert.Equal(degraded, r.Stderr.Split('\n').Count(l => l.Contains("ALARM: locate", StringComparison.Ordinal)));
        TttProcess.Result top = TttProcess.Run("book", itch, "--top", "--levels", "2");
        Assert.True(top.ExitCode == 0, top.Stderr);
        Assert.Contains(" degraded\n", top.Stdout); // a degraded symbol's line says so
    }

    [Fact]
    public void CapacitiesBeyondTheMachinesMemory_AreAClearError_NotACrash()
    {
        // 2^30 live orders need a 32 GiB order store: more than our machines have (24 GiB).
        TttProcess.Result r = TttProcess.Run("book", "tests/fixtures/itch50/Multiple.Packets.pcap", "--top", "--max-orders", "1073741824");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("cannot allocate", r.Stderr);
        Assert.Contains("order store", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr); // no stack trace
    }

    [Fact]
    public void NeitherTopNorBench_IsAClearError()
    {
        TttProcess.Result r = TttProcess.Run("book", "tests/fixtures/itch50/Multiple.Packets.pcap");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--top or --bench", r.Stderr);
    }
}
