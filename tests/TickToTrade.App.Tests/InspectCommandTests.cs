using System.Text.Json;
using TickToTrade.App.Tests.Support;

namespace TickToTrade.App.Tests;

/// <summary>`ttt inspect` through the AOT binary, on the real captures.</summary>
public sealed class InspectCommandTests
{
    [Fact]
    public void RealCapture_GivesTheReadmesCounts()
    {
        TttProcess.Result r = TttProcess.Run("inspect", "tests/fixtures/itch50/Multiple.Packets.pcap");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        JsonElement root = json.RootElement;
        Assert.Equal(2, root.GetProperty("packets").GetInt64());
        Assert.Equal(39, root.GetProperty("messages").GetInt64());
        Assert.Equal(36, root.GetProperty("by_type").GetProperty("A").GetInt64());
        Assert.Equal(2, root.GetProperty("by_type").GetProperty("F").GetInt64());
        Assert.Equal(1, root.GetProperty("by_type").GetProperty("D").GetInt64());
        JsonElement session = root.GetProperty("sessions")[0];
        Assert.Equal("000010059B", session.GetProperty("session").GetString());
        Assert.Equal(14764496, session.GetProperty("first_sequence").GetInt64());
        Assert.Equal(1, root.GetProperty("gaps").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
        Assert.Equal(0, root.GetProperty("malformed").GetInt64());
    }

    [Fact]
    public void DayFile_IsDetected_AndCounted()
    {
        TttProcess.Result r = TttProcess.Run("inspect", "tests/fixtures/itchfile/sample-first1000.itch");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using JsonDocument json = JsonDocument.Parse(r.Stdout);
        Assert.Equal("itch", json.RootElement.GetProperty("format").GetString());
        Assert.Equal("""{"S":1,"R":993,"H":3,"Y":3}""", json.RootElement.GetProperty("by_type").GetRawText());
    }

    [Fact]
    public void AnonymisedCapture_CountsBadChecksums_UnlessTold()
    {
        TttProcess.Result strict = TttProcess.Run("inspect", "tests/fixtures/itch50/2023-08-22.OrderDelete.pcap");
        using JsonDocument s = JsonDocument.Parse(strict.Stdout);
        Assert.Equal(0, s.RootElement.GetProperty("messages").GetInt64());
        Assert.True(s.RootElement.GetProperty("counters").GetProperty("ipv4_bad_checksum").GetInt64() > 0);

        TttProcess.Result lax = TttProcess.Run("inspect", "--no-verify-checksums", "tests/fixtures/itch50/2023-08-22.OrderDelete.pcap");
        using JsonDocument l = JsonDocument.Parse(lax.Stdout);
        long frames = s.RootElement.GetProperty("counters").GetProperty("ipv4_bad_checksum").GetInt64();
        Assert.Equal(frames, l.RootElement.GetProperty("packets").GetInt64());
        // Anonymisation also zeroed every sequence number: the first D is applied, the rest are duplicates of sequence 0.
        Assert.Equal(1, l.RootElement.GetProperty("by_type").GetProperty("D").GetInt64());
        Assert.Equal(frames - 1, l.RootElement.GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public void NotACapture_IsOneClearError()
    {
        TttProcess.Result r = TttProcess.Run("inspect", "README.md");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is neither a pcap, a pcapng nor an ITCH 5.0 day file", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
