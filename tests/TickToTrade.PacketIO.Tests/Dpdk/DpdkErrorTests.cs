using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Dpdk;

/// <summary>Every DPDK failure comes back as DPDK's own message, never a bare -1.</summary>
[Collection(DpdkCollection.Name)]
public sealed class DpdkErrorTests
{
    [Fact]
    public void UnknownPort_ReportsNoSuchDevice()
    {
        var e = Assert.Throws<DpdkException>(() => EthDevice.QueryInfo(999));
        Assert.Contains("port 999", e.Message);
        Assert.Contains("No such device", e.Message);
    }

    [Fact]
    public void UnknownDriver_ReportsTheDevargsAndTheReason()
    {
        var e = Assert.Throws<DpdkException>(() => Eal.ProbeVirtualDevice("net_nosuchdriver0"));
        Assert.Contains("net_nosuchdriver0", e.Message);
        Assert.Equal(DpdkError.Describe(e.ErrorCode), e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..e.Message.LastIndexOf(" (errno", StringComparison.Ordinal)]);
    }

    [Fact]
    public void SecondInitialisation_WithOtherArguments_IsRefusedClearly()
    {
        var e = Assert.Throws<DpdkException>(() => Eal.Initialize(["--no-pci"]));
        Assert.Contains("one initialisation per process", e.Message);
    }

    [Fact]
    public void Strerror_GivesDpdkText()
    {
        Assert.Equal("Cannot allocate memory", DpdkError.Describe(-12));
        Assert.Equal("No such device", DpdkError.Describe(-19));
    }
}
