using TickToTrade.PacketIO.Dpdk;

namespace TickToTrade.PacketIO.Tests.Support;

/// <summary>
/// EAL can start once per process, so every DPDK test shares this one start and
/// hot-plugs its own virtual devices. Ordinary pages (--no-huge) keep the tests
/// independent of the machine's hugepage set-up.
/// </summary>
public sealed class DpdkEnvironment
{
    private static int _nextDevice;

    public DpdkEnvironment()
    {
        Eal.Initialize(["--no-pci", "--no-telemetry", "--no-huge", "--no-shconf", "-m", "256", "--lcores=0@(0-1)", "--log-level=*:warning"]);
    }

    /// <summary>A device name no other test uses, e.g. "net_pcap7".</summary>
    public static string UniqueName(string driver) => driver + Interlocked.Increment(ref _nextDevice);
}
