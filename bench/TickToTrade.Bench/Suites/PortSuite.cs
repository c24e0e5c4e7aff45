using TickToTrade.Bench.Measure;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Native;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// What one poll through the shim costs: an empty rx_burst (net_ring, and
/// net_pcap after its file is drained) and a 1-frame tx_burst (net_null).
/// </summary>
public static unsafe class PortSuite
{
    public static IReadOnlyList<OpCost> Run(string fixturePcap, TextWriter log)
    {
        string[] configured = ["--no-pci", "--no-telemetry", "--in-memory", "-l", "0",
            "--vdev=net_ring0", $"--vdev=net_pcap0,rx_pcap={Path.GetFullPath(fixturePcap)}", "--vdev=net_null0"];
        (string[] args, string? note) = EalMemory.Resolve(configured);
        if (note is not null)
            log.WriteLine(note);
        Eal.Initialize(args);
        log.WriteLine($"bench port: {Eal.Version}, TSC {Tsc.Hz / 1e6:F0} MHz, EAL {string.Join(' ', args)}");

        using var pool = PacketMempool.Create("bench_pool", 8191, socketId: -1);
        using var ring = EthDevice.Start(Eal.PortByName("net_ring0"), pool);
        using var pcap = EthDevice.Start(Eal.PortByName("net_pcap0"), pool);
        using var nul = EthDevice.Start(Eal.PortByName("net_null0"), pool);

        PacketBuffer* frames = AlignedNative.Alloc<PacketBuffer>(PortLimits.MaxBurst);
        nint* mbufs = AlignedNative.Alloc<nint>(PortLimits.MaxBurst);
        try
        {
            DrainPcap(pcap.CreatePort(), frames);
            var results = new List<OpCost>();

            var tsc = new PortOps.ReadTsc();
            results.Add(OpTimer.Measure("rdtsc (Tsc.Now)", ref tsc));

            var rawRing = new PortOps.RxBurstRaw { Port = ring.PortId, Mbufs = mbufs };
            results.Add(OpTimer.Measure("rx_burst empty, raw (net_ring)", ref rawRing));
            var rawPcap = new PortOps.RxBurstRaw { Port = pcap.PortId, Mbufs = mbufs };
            results.Add(OpTimer.Measure("rx_burst empty, raw (net_pcap)", ref rawPcap));

            var recvRing = new PortOps.ReceiveOnPort { Port = ring.CreatePort(), Frames = frames };
            results.Add(OpTimer.Measure("Receive empty, DpdkPort (net_ring)", ref recvRing));
            var recvPcap = new PortOps.ReceiveOnPort { Port = pcap.CreatePort(), Frames = frames };
            results.Add(OpTimer.Measure("Receive empty, DpdkPort (net_pcap)", ref recvPcap));

            var allocFree = new PortOps.AllocateAndFree { Port = nul.CreatePort(), Frame = frames };
            results.Add(OpTimer.Measure("alloc 1 + free 1 (mempool)", ref allocFree));
            var tx = new PortOps.AllocateAndTransmit { Port = nul.CreatePort(), Frame = frames };
            results.Add(OpTimer.Measure("alloc 1 + tx_burst 1 (net_null)", ref tx));

            if (rawRing.Received + rawPcap.Received + recvRing.Received + recvPcap.Received != 0)
                throw new InvalidOperationException("an 'empty' port received frames: the measurement is not of an empty poll");
            return results;
        }
        finally
        {
            AlignedNative.Free(frames);
            AlignedNative.Free(mbufs);
        }
    }

    private static void DrainPcap(DpdkPort port, PacketBuffer* frames)
    {
        ulong quietSince = Tsc.Now, limit = Tsc.FromMilliseconds(100);
        while (Tsc.Now - quietSince < limit)
        {
            int n = port.Receive(new Span<PacketBuffer>(frames, 32));
            if (n > 0)
            {
                port.Free(new Span<PacketBuffer>(frames, n));
                quietSince = Tsc.Now;
            }
        }
    }
}
