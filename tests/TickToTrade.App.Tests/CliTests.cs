using TickToTrade.App.Tests.Support;

namespace TickToTrade.App.Tests;

/// <summary>--version, --help and `ttt ports`, through the real AOT binary.</summary>
public sealed class CliTests
{
    [Fact]
    public void Version_PrintsTheProjectVersion()
    {
        TttProcess.Result r = TttProcess.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("0.1.0", r.Stdout.Trim());
    }

    [Fact]
    public void Help_ListsEverySubcommand()
    {
        TttProcess.Result r = TttProcess.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string command in new[] { "run", "ports", "inspect <FILE>", "gen", "book <FILE>", "--version" })
            Assert.Contains(command, r.Stdout);
    }

    [Fact]
    public void Ports_ListsVirtualDevices_WithDriverMacAndLink()
    {
        TttProcess.Result r = TttProcess.Run("ports", "--eal",
            "--no-pci --no-telemetry --in-memory --vdev=net_null0 --vdev=net_ring0");
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("2 ports (DPDK 22.11", r.Stdout);
        Assert.Contains("port 0: net_null0", r.Stdout);
        Assert.Contains("driver   net_null", r.Stdout);
        Assert.Contains("port 1: net_ring0", r.Stdout);
        Assert.Contains("driver   net_ring", r.Stdout);
        Assert.Matches(@"mac      [0-9a-f]{2}(:[0-9a-f]{2}){5}", r.Stdout);
        Assert.Contains("link     ", r.Stdout);
        Assert.Contains("tx offloads", r.Stdout);
    }

    [Fact]
    public void Ports_WithoutEal_IsAUsageError()
    {
        TttProcess.Result r = TttProcess.Run("ports");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("--eal", r.Stderr);
    }
}
