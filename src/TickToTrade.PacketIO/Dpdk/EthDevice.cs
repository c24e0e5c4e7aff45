using System.Text;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Dpdk;

/// <summary>
/// One DPDK ethernet port, set up the way examples/skeleton/basicfwd.c does it:
/// configure, adjust descriptor counts, queues on the port's NUMA socket, start.
/// Every step's failure is a <see cref="DpdkException"/> with DPDK's message.
/// The data path is the <see cref="DpdkPort"/> handle from <see cref="CreatePort"/>.
/// </summary>
public sealed unsafe class EthDevice : IDisposable
{
    private PortCounters* _counters;
    private bool _started;

    /// <summary>DPDK port id.</summary>
    public ushort PortId { get; }
    /// <summary>The pool RX fills and TX allocates from.</summary>
    public PacketMempool Pool { get; }
    /// <summary>TX offloads actually enabled (wanted ∩ capabilities).</summary>
    public ulong EnabledTxOffloads { get; }
    /// <summary>RX/TX descriptor counts after adjustment.</summary>
    public (ushort Rx, ushort Tx) Descriptors { get; }

    private EthDevice(ushort portId, PacketMempool pool, ulong txOffloads, ushort rxd, ushort txd)
    {
        PortId = portId;
        Pool = pool;
        EnabledTxOffloads = txOffloads;
        Descriptors = (rxd, txd);
        _counters = AlignedNative.Alloc<PortCounters>(1);
    }

    /// <summary>Configures and starts <paramref name="portId"/> with one RX and one TX queue.</summary>
    public static EthDevice Start(ushort portId, PacketMempool pool, EthDeviceOptions? options = null)
    {
        options ??= new EthDeviceOptions();
        PortInfo info = QueryInfo(portId);
        ulong txOffloads = options.WantedTxOffloads & info.TxOffloadCapabilities;

        DpdkError.Check(NativeMethods.ttt_port_configure(portId, 1, 1, 0, txOffloads), $"configuring port {portId} ({info.Name})");
        ushort rxd = options.RxDescriptors, txd = options.TxDescriptors;
        DpdkError.Check(NativeMethods.ttt_port_adjust_desc(portId, &rxd, &txd), $"adjusting descriptors of port {portId}");
        DpdkError.Check(NativeMethods.ttt_port_rx_queue_setup(portId, 0, rxd, pool.Handle), $"setting up RX queue 0 of port {portId} with {rxd} descriptors");
        DpdkError.Check(NativeMethods.ttt_port_tx_queue_setup(portId, 0, txd, txOffloads), $"setting up TX queue 0 of port {portId} with {txd} descriptors");
        DpdkError.Check(NativeMethods.ttt_port_start(portId), $"starting port {portId} ({info.Name})");
        if (options.Promiscuous)
        {
            // Not every PMD supports it (net_pcap does not); that is not fatal, the
            // multicast feed still arrives on pcap/tap/af_packet.
            _ = NativeMethods.ttt_port_promiscuous(portId, 1);
        }
        return new EthDevice(portId, pool, txOffloads, rxd, txd) { _started = true };
    }

    /// <summary>The hot-path handle for this port's queue 0.</summary>
    public DpdkPort CreatePort() => new(PortId, 0, Pool.Handle, _counters, (EnabledTxOffloads & TxOffloads.TcpChecksum) != 0);

    /// <summary>This port's software counters.</summary>
    public ref PortCounters Counters => ref *_counters;

    /// <summary>Device information.</summary>
    public PortInfo Info => QueryInfo(PortId);

    /// <summary>Link state, without waiting.</summary>
    public LinkStatus Link => QueryLink(PortId);

    /// <summary>DPDK's basic statistics for the port.</summary>
    public (ulong InPackets, ulong OutPackets, ulong InMissed, ulong InErrors, ulong OutErrors, ulong RxNoMbuf) Stats
    {
        get
        {
            NativePortStats s;
            DpdkError.Check(NativeMethods.ttt_port_stats_get(PortId, &s), $"reading stats of port {PortId}");
            return (s.InPackets, s.OutPackets, s.InMissed, s.InErrors, s.OutErrors, s.RxNoMbuf);
        }
    }

    /// <summary>The PMD's extended statistics, by name.</summary>
    public IReadOnlyList<(string Name, ulong Value)> ExtendedStats => QueryExtendedStats(PortId);

    /// <summary>Stops the port; frames still in its TX ring are flushed by the PMD.</summary>
    public void Stop()
    {
        if (!_started)
            return;
        _started = false;
        DpdkError.Check(NativeMethods.ttt_port_stop(PortId), $"stopping port {PortId}");
    }

    /// <summary>Stops and closes the port (net_pcap flushes its tx_pcap here).</summary>
    public void Dispose()
    {
        if (_counters == null)
            return;
        Stop();
        DpdkError.Check(NativeMethods.ttt_port_close(PortId), $"closing port {PortId}");
        AlignedNative.Free(_counters);
        _counters = null;
    }

    /// <summary>Reads <paramref name="portId"/>'s device information.</summary>
    public static PortInfo QueryInfo(ushort portId)
    {
        NativePortInfo n;
        DpdkError.Check(NativeMethods.ttt_port_info_get(portId, &n), $"reading information of port {portId}");
        string mac = string.Create(17, n, static (span, info) =>
        {
            const string hex = "0123456789abcdef";
            for (int i = 0; i < 6; i++)
            {
                span[i * 3] = hex[info.Mac[i] >> 4];
                span[i * 3 + 1] = hex[info.Mac[i] & 0xF];
                if (i < 5)
                    span[i * 3 + 2] = ':';
            }
        });
        return new PortInfo(
            portId,
            CString(n.Name, NativePortInfo.NameLength),
            CString(n.Driver, NativePortInfo.NameLength),
            mac,
            n.SocketId,
            n.MaxRxQueues,
            n.MaxTxQueues,
            n.MaxRxPacketLength,
            n.MinMtu,
            n.MaxMtu,
            n.IfIndex,
            n.RxOffloadCapabilities,
            n.TxOffloadCapabilities,
            OffloadNames(n.RxOffloadCapabilities, rx: true),
            OffloadNames(n.TxOffloadCapabilities, rx: false));
    }

    /// <summary>Reads <paramref name="portId"/>'s link state without waiting.</summary>
    public static LinkStatus QueryLink(ushort portId)
    {
        NativeLink l;
        DpdkError.Check(NativeMethods.ttt_port_link(portId, &l), $"reading link of port {portId}");
        return new LinkStatus(l.Up != 0, l.SpeedMbps, l.FullDuplex != 0, l.Autoneg != 0);
    }

    /// <summary>Reads <paramref name="portId"/>'s extended statistics.</summary>
    public static IReadOnlyList<(string Name, ulong Value)> QueryExtendedStats(ushort portId)
    {
        const int cap = 256;
        byte[] names = new byte[cap * NativePortInfo.NameLength];
        ulong[] values = new ulong[cap];
        int n;
        fixed (byte* pn = names)
        fixed (ulong* pv = values)
            n = DpdkError.Check(NativeMethods.ttt_port_xstats(portId, pn, pv, cap), $"reading xstats of port {portId}");
        var result = new List<(string, ulong)>(Math.Min(n, cap));
        fixed (byte* pn = names)
        {
            for (int i = 0; i < n && i < cap; i++)
                result.Add((CString(pn + i * NativePortInfo.NameLength, NativePortInfo.NameLength), values[i]));
        }
        return result;
    }

    private static List<string> OffloadNames(ulong capabilities, bool rx)
    {
        var names = new List<string>();
        for (int bit = 0; bit < 64; bit++)
        {
            ulong mask = 1UL << bit;
            if ((capabilities & mask) == 0)
                continue;
            byte* name = rx ? NativeMethods.ttt_rx_offload_name(mask) : NativeMethods.ttt_tx_offload_name(mask);
            names.Add(NativeMethods.FromUtf8(name) ?? $"bit{bit}");
        }
        return names;
    }

    private static string CString(byte* p, int max)
    {
        int n = new ReadOnlySpan<byte>(p, max).IndexOf((byte)0);
        return Encoding.UTF8.GetString(p, n < 0 ? max : n);
    }
}
