using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Tests.Support;

namespace TickToTrade.PacketIO.Tests.Dpdk;

/// <summary>The DPDK port in-process over the real net_pcap PMD: replay a capture, transmit to a tx_pcap.</summary>
[Collection(DpdkCollection.Name)]
public sealed class DpdkPortPcapTests
{
    [Fact]
    public void ReplayedFixture_IsReceivedAndForwarded_ByteExact()
    {
        List<byte[]> expected = ReadAll(Fixtures.MultiplePackets);
        string txPath = Path.Combine(Path.GetTempPath(), $"ttt-tx-{Guid.NewGuid():N}.pcap");
        string name = DpdkEnvironment.UniqueName("net_pcap");
        ushort portId = Eal.ProbeVirtualDevice($"{name},rx_pcap={Fixtures.MultiplePackets},tx_pcap={txPath}");
        try
        {
            using var pool = PacketMempool.Create(name + "_pool", 511, socketId: -1, cacheSize: 0);
            PortCounters counters;
            using (var device = EthDevice.Start(portId, pool))
            {
                Assert.Equal("net_pcap", device.Info.Driver);
                DpdkPort port = device.CreatePort();

                var rx = new PacketBuffer[8];
                int got = ReceiveUntilQuiet(ref port, rx);
                Assert.Equal(2, got);
                for (int i = 0; i < got; i++)
                    Assert.True(rx[i].Span.SequenceEqual(expected[i]), $"RX frame {i} differs from the capture");

                // Forward the received mbufs untouched, then three frames of our own.
                Assert.Equal(2, port.Transmit(rx.AsSpan(0, 2)));
                var tx = new PacketBuffer[3];
                Assert.Equal(3, port.Allocate(tx));
                int[] lengths = [60, 1000, 1514];
                for (int i = 0; i < 3; i++)
                {
                    Assert.True(tx[i].TryAppend(lengths[i], out Span<byte> body));
                    FrameBytes.Fill(body, i);
                }
                Assert.Equal(3, port.Transmit(tx));
                counters = port.Counters;
            } // close: net_pcap flushes the tx_pcap

            Assert.Equal(2, counters.RxFrames);
            Assert.Equal(87 + 1518, counters.RxBytes);
            Assert.Equal(5, counters.TxFrames);
            Assert.Equal(87 + 1518 + 60 + 1000 + 1514, counters.TxBytes);
            Assert.Equal(0, counters.TxRingFull + counters.AllocFailures + counters.RxDroppedChained);
            Assert.Equal(511u, pool.Available); // every mbuf came back

            List<byte[]> written = ReadAll(txPath);
            Assert.Equal(5, written.Count);
            Assert.Equal(expected[0], written[0]);
            Assert.Equal(expected[1], written[1]);
            Assert.Equal(60, written[2].Length);
            Assert.Equal(1000, written[3].Length);
            Assert.Equal(1514, written[4].Length);
            for (int i = 0; i < 3; i++)
                Assert.True(FrameBytes.Check(written[2 + i], i), $"TX frame {i} bytes differ");
        }
        finally
        {
            Eal.RemoveVirtualDevice(name);
            File.Delete(txPath);
        }
    }

    /// <summary>Polls until two frames arrived and the port then stayed empty for 50 ms (at most 5 s).</summary>
    private static int ReceiveUntilQuiet(ref DpdkPort port, PacketBuffer[] into)
    {
        int got = 0;
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        var total = System.Diagnostics.Stopwatch.StartNew();
        while (total.ElapsedMilliseconds < 5000 && (got < 2 || quiet.ElapsedMilliseconds < 50))
        {
            int n = port.Receive(into.AsSpan(got));
            if (n > 0)
            {
                got += n;
                quiet.Restart();
            }
        }
        return got;
    }

    private static List<byte[]> ReadAll(string path)
    {
        using var bytes = CaptureBytes.Open(path);
        var reader = new PcapReader(bytes);
        var list = new List<byte[]>();
        while (reader.TryRead(out PcapRecord r))
            list.Add(r.Data.ToArray());
        return list;
    }
}
