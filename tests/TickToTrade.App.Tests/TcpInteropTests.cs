using System.Diagnostics;
using System.Text.Json;
using TickToTrade.App.Tests.Support;

namespace TickToTrade.App.Tests;

/// <summary>
/// Our user-space TCP/IP stack (ttt tcpcheck on DPDK net_tap) against the Linux
/// kernel's TCP (ttt kpeer on kernel sockets), in a network namespace
/// scripts/tcp-interop.sh creates: both roles, 64 MiB each way, clean and through
/// the impairment wrapper; and tshark's verdict on a recorded run.
/// </summary>
public sealed class TcpInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ttt-tcp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (JsonElement Ours, JsonElement Kernel, string Log) Interop(string role, string bytes, params string[] tcpcheckArgs)
    {
        var psi = new ProcessStartInfo(Path.Combine(TttProcess.RepoRoot, "scripts", "tcp-interop.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TttProcess.RepoRoot,
        };
        psi.ArgumentList.Add(role);
        foreach (string a in tcpcheckArgs)
            psi.ArgumentList.Add(a);
        psi.Environment["BYTES"] = bytes;
        psi.Environment["SEED"] = "11";
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(240_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("tcp-interop.sh did not finish in 240 s");
        }
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(p.ExitCode == 0 && lines.Length == 2, $"exit {p.ExitCode}\n{output}\n{err.Result}");
        return (JsonDocument.Parse(lines[0]).RootElement, JsonDocument.Parse(lines[1]).RootElement, err.Result);
    }

    private static void AssertIntact(JsonElement ours, JsonElement kernel, long bytes)
    {
        Assert.True(ours.GetProperty("intact").GetBoolean(), ours.ToString());
        Assert.True(kernel.GetProperty("intact").GetBoolean(), kernel.ToString());
        Assert.Equal(bytes, ours.GetProperty("bytes").GetInt64());
        Assert.Equal(bytes, ours.GetProperty("bytes_echoed").GetInt64());
        Assert.Equal(bytes, kernel.GetProperty("bytes_echoed").GetInt64());
        Assert.Equal(0, ours.GetProperty("loop_allocated_bytes").GetInt64());
        Assert.Equal(0, ours.GetProperty("gen0_collections").GetInt32());
    }

    [Theory]
    [InlineData("client")]
    [InlineData("server")]
    public void SixtyFourMiBEachWay_AgainstTheKernel_ArriveIntact(string role)
    {
        var (ours, kernel, _) = Interop(role, "64MiB");
        AssertIntact(ours, kernel, 64L << 20);
        Assert.Equal(role, ours.GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("client")]
    [InlineData("server")]
    public void SixtyFourMiBEachWay_AgainstTheKernel_ThroughLossReorderAndDuplication(string role)
    {
        var (ours, kernel, _) = Interop(role, "64MiB", "--impair", "loss=0.05,reorder=0.05,dup=0.01");
        AssertIntact(ours, kernel, 64L << 20);
        JsonElement impaired = ours.GetProperty("impaired");
        foreach (string direction in new[] { "rx", "tx" })
        {
            Assert.True(impaired.GetProperty(direction).GetProperty("dropped").GetInt64() > 0);
            Assert.True(impaired.GetProperty(direction).GetProperty("reordered").GetInt64() > 0);
            Assert.True(impaired.GetProperty(direction).GetProperty("duplicated").GetInt64() > 0);
        }
        Assert.True(ours.GetProperty("retransmits").GetInt64() > 0);
        Assert.True(ours.GetProperty("sack_recoveries").GetInt64() > 0, "the kernel offers SACK; our recovery must use it");
    }

    [Fact]
    public void WithoutSackTimestampsOrWindowScaling_NewRenoRecoversFromLossAgainstTheKernel()
    {
        var (ours, kernel, _) = Interop("client", "16MiB", "--no-sack", "--no-timestamps", "--no-window-scaling", "--impair", "loss=0.02,reorder=0.02");
        AssertIntact(ours, kernel, 16L << 20);
        Assert.Equal(0, ours.GetProperty("sack_recoveries").GetInt64());
        Assert.True(ours.GetProperty("newreno_recoveries").GetInt64() > 0);
    }

    [Theory]
    [InlineData("--send-buffer", "1000", "--send-buffer 1000 must be a power of two")]
    [InlineData("--impair", "loss=2", "a rate is a probability between 0 and 1")]
    [InlineData("--impair", "jitter=1", "unknown impairment \"jitter\"")]
    [InlineData("--peer", "198.51.100.1", "is not address:port")]
    [InlineData("--bytes", "lots", "is not a byte count")]
    public void BadArguments_AreOneClearLine_AndExitCode2(string option, string value, string message)
    {
        var args = new List<string> { "tcpcheck", "--eal", "--no-pci", "--local", "198.51.100.2/24", "--peer", "198.51.100.1:9000" };
        int at = args.IndexOf(option);
        if (at >= 0)
            args[at + 1] = value;
        else
            args.AddRange([option, value]);
        TttProcess.Result r = TttProcess.Run([.. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("ttt: error: ", r.Stderr);
        Assert.Contains(message, r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public void Tshark_ReadsACleanRun_WithNoMalformedPacketsOrBadChecksums_AndNoUncountedRetransmissions()
    {
        string pcap = Path.Combine(_dir, "clean.pcap");
        var (ours, kernel, _) = Interop("client", "16MiB", "--pcap", pcap);
        AssertIntact(ours, kernel, 16L << 20);
        Assert.True(ours.GetProperty("pcap_records").GetInt64() > 20_000);

        string[] read = ["-r", pcap, "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "tcp.analyze_sequence_numbers:TRUE"];
        string problems = Tshark.Run(180, [.. read, "-Y", "_ws.malformed || ip.checksum.status == 0 || tcp.checksum.status == 0"]);
        Assert.Equal("", problems.Trim());
        // Retransmissions tshark sees leaving us must all be ones our stack counted.
        string ourRetransmissions = Tshark.Run(180, [.. read, "-Y", "ip.src == 198.51.100.2 && (tcp.analysis.retransmission || tcp.analysis.fast_retransmission)", "-T", "fields", "-e", "frame.number"]);
        int seen = ourRetransmissions.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(seen <= ours.GetProperty("retransmits").GetInt64(), $"tshark saw {seen} retransmissions, we counted {ours.GetProperty("retransmits")}");
        // And tshark decoded the whole conversation: handshake, data both ways, FIN.
        string flags = Tshark.Run(180, [.. read, "-Y", "tcp.flags.syn == 1 || tcp.flags.fin == 1", "-T", "fields", "-e", "tcp.flags.str"]);
        Assert.Contains("S", flags);
        Assert.Contains("F", flags);
    }
}
