using TickToTrade.App.Configuration;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.App.Jobs;

/// <summary>
/// The main job until the full pipeline lands: replay a capture through DPDK's
/// net_pcap PMD and count every frame received, in the same kind of busy-poll
/// loop the engine runs.
/// </summary>
public static class ReplayJob
{
    private const string Device = "net_pcap0";

    public static ReplayResult Run(EngineConfig config, TextWriter log)
    {
        string pcap = config.Replay.Pcap;
        if (string.IsNullOrWhiteSpace(pcap))
            throw new ConfigException("Replay.Pcap is empty: name the capture to replay");
        string full = Path.GetFullPath(pcap);
        if (!File.Exists(full))
            throw new ConfigException($"the capture to replay, \"{pcap}\", does not exist (looked at {full})");
        if (full.Contains(','))
            throw new ConfigException($"the capture path \"{full}\" contains a comma, which DPDK device arguments cannot carry");

        string[] configured = [.. Eal.SplitArguments(config.Eal.Args), $"--vdev={Device},rx_pcap={full}"];
        (string[] args, string? note) = EalMemory.Resolve(configured);
        if (note is not null)
            log.WriteLine(note);
        Eal.Initialize(args);
        try
        {
            ushort portId = Eal.PortByName(Device);
            using PacketMempool pool = PacketMempool.Create("replay_rx", config.Eal.MempoolSize, EthDevice.QueryInfo(portId).SocketId);
            using EthDevice device = EthDevice.Start(portId, pool);
            DpdkPort port = device.CreatePort();
            ulong idle = Tsc.FromMilliseconds(config.Replay.IdleMilliseconds);

            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            int gen0Before = GC.CollectionCount(0);
            ulong start = Tsc.Now;
            ulong lastFrame = CountUntilIdle(ref port, idle, start);
            int gen0 = GC.CollectionCount(0) - gen0Before;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            PortCounters counters = port.Counters;
            double seconds = Tsc.ToNanoseconds(lastFrame - start) / 1e9;
            return new ReplayResult(pcap, Device, device.Info.Driver, counters.RxFrames, counters.RxBytes, seconds, allocated, gen0, counters);
        }
        finally
        {
            Eal.Cleanup();
        }
    }

    /// <summary>
    /// Polls until no frame has arrived for <paramref name="idleTicks"/>; frees every
    /// frame at once. Returns the TSC of the last frame (or <paramref name="start"/>).
    /// </summary>
    public static ulong CountUntilIdle<TPort>(ref TPort port, ulong idleTicks, ulong start)
        where TPort : struct, IPacketPort
    {
        Span<PacketBuffer> burst = stackalloc PacketBuffer[32];
        ulong lastFrame = start;
        while (true)
        {
            int n = port.Receive(burst);
            ulong now = Tsc.Now;
            if (n == 0)
            {
                if (now - lastFrame > idleTicks)
                    return lastFrame;
                continue;
            }
            lastFrame = now;
            port.Free(burst[..n]);
        }
    }
}
