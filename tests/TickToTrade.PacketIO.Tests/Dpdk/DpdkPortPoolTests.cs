using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Dpdk;

/// <summary>Mempool exhaustion and TX over net_null, which frees whatever it transmits.</summary>
[Collection(DpdkCollection.Name)]
public sealed class DpdkPortPoolTests
{
    [Fact]
    public void ExhaustedMempool_FailsAllocate_AndEveryMbufComesBack()
    {
        string name = DpdkEnvironment.UniqueName("net_null");
        ushort portId = Eal.ProbeVirtualDevice(name);
        try
        {
            using var pool = PacketMempool.Create(name + "_pool", 63, socketId: -1, cacheSize: 0);
            using var device = EthDevice.Start(portId, pool, new EthDeviceOptions { RxDescriptors = 16, TxDescriptors = 16 });
            DpdkPort port = device.CreatePort();
            uint atStart = pool.Available; // the RX queue may hold some mbufs

            var held = new List<PacketBuffer[]>();
            var burst = new PacketBuffer[16];
            while (port.Allocate(burst) == 16)
            {
                held.Add(burst);
                burst = new PacketBuffer[16];
            }
            Assert.Equal(1, port.Counters.AllocFailures);
            Assert.Equal((int)(atStart / 16), held.Count);
            Assert.Equal(atStart % 16, pool.Available);

            foreach (PacketBuffer[] b in held)
            {
                foreach (ref PacketBuffer f in b.AsSpan())
                    Assert.True(f.TryAppend(64, out _));
                Assert.Equal(16, PacketPortExtensions.TransmitOrDrop(ref port, b));
            }
            Assert.Equal(held.Count * 16, port.Counters.TxFrames);
            Assert.Equal(held.Count * 16 * 64, port.Counters.TxBytes);
            Assert.Equal(atStart, pool.Available);
        }
        finally
        {
            Eal.RemoveVirtualDevice(name);
        }
    }

    [Fact]
    public void MempoolTooLarge_IsAnErrorThatNamesTheSize()
    {
        var e = Assert.Throws<DpdkException>(() => PacketMempool.Create("too_big", 50_000_000, socketId: -1));
        Assert.Contains("50000000 mbufs", e.Message);
        Assert.Contains("MiB", e.Message);
        Assert.True(e.ErrorCode < 0);
    }
}
