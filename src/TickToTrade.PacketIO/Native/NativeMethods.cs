using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Native;

/// <summary>
/// The C shim in native/ttt_native.c. In the AOT binary it is linked statically
/// (DirectPInvoke); under the JIT (tests) it is loaded as libttt_native.so.
/// Hot calls carry [SuppressGCTransition]: they neither block nor call back, and
/// the GC transition would cost more than the call itself.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Lib = "ttt_native";

    // ---- EAL (cold) ----
    [DllImport(Lib)] internal static extern int ttt_eal_init(int argc, byte** argv);
    [DllImport(Lib)] internal static extern int ttt_eal_cleanup();
    [DllImport(Lib)] internal static extern byte* ttt_strerror(int errnum);
    [DllImport(Lib)] internal static extern int ttt_vdev_probe(byte* devargs, ushort* portOut);
    [DllImport(Lib)] internal static extern int ttt_vdev_remove(byte* name);
    [DllImport(Lib)] internal static extern byte* ttt_dpdk_version();

    // ---- ports (cold) ----
    [DllImport(Lib)] internal static extern ushort ttt_port_count();
    [DllImport(Lib)] internal static extern int ttt_port_by_name(byte* name, ushort* portOut);
    [DllImport(Lib)] internal static extern int ttt_port_info_get(ushort port, NativePortInfo* info);
    [DllImport(Lib)] internal static extern int ttt_port_configure(ushort port, ushort nbRxq, ushort nbTxq, ulong rxOffloads, ulong txOffloads);
    [DllImport(Lib)] internal static extern int ttt_port_adjust_desc(ushort port, ushort* nbRxd, ushort* nbTxd);
    [DllImport(Lib)] internal static extern int ttt_port_rx_queue_setup(ushort port, ushort queue, ushort nbDesc, nint pool);
    [DllImport(Lib)] internal static extern int ttt_port_tx_queue_setup(ushort port, ushort queue, ushort nbDesc, ulong txOffloads);
    [DllImport(Lib)] internal static extern int ttt_port_start(ushort port);
    [DllImport(Lib)] internal static extern int ttt_port_stop(ushort port);
    [DllImport(Lib)] internal static extern int ttt_port_close(ushort port);
    [DllImport(Lib)] internal static extern int ttt_port_promiscuous(ushort port, int enable);
    [DllImport(Lib)] internal static extern int ttt_port_mac(ushort port, byte* macOut);
    [DllImport(Lib)] internal static extern int ttt_port_link(ushort port, NativeLink* link);
    [DllImport(Lib)] internal static extern int ttt_port_stats_get(ushort port, NativePortStats* stats);
    [DllImport(Lib)] internal static extern int ttt_port_xstats(ushort port, byte* names, ulong* values, int cap);
    [DllImport(Lib)] internal static extern byte* ttt_rx_offload_name(ulong bit);
    [DllImport(Lib)] internal static extern byte* ttt_tx_offload_name(ulong bit);
    [DllImport(Lib)] internal static extern int ttt_port_socket_id(ushort port);

    // ---- mempool (cold) ----
    [DllImport(Lib)] internal static extern nint ttt_mempool_create(byte* name, uint n, uint cache, ushort dataRoom, int socketId, int* err);
    [DllImport(Lib)] internal static extern void ttt_mempool_free(nint pool);
    [DllImport(Lib)] internal static extern uint ttt_mempool_avail(nint pool);

    // ---- fast path ----
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_rx_burst(ushort port, ushort queue, nint* pkts, ushort n);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_tx_burst(ushort port, ushort queue, nint* pkts, ushort n);
    [DllImport(Lib), SuppressGCTransition] internal static extern nint ttt_mbuf_alloc(nint pool);
    [DllImport(Lib), SuppressGCTransition] internal static extern int ttt_mbuf_alloc_bulk(nint pool, nint* mbufs, uint n);
    [DllImport(Lib), SuppressGCTransition] internal static extern void ttt_mbuf_free(nint mbuf);
    [DllImport(Lib), SuppressGCTransition] internal static extern void ttt_mbuf_free_bulk(nint* mbufs, uint n);
    [DllImport(Lib), SuppressGCTransition] internal static extern byte* ttt_mbuf_data(nint mbuf);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_mbuf_data_len(nint mbuf);
    [DllImport(Lib), SuppressGCTransition] internal static extern uint ttt_mbuf_pkt_len(nint mbuf);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_mbuf_nb_segs(nint mbuf);
    [DllImport(Lib), SuppressGCTransition] internal static extern byte* ttt_mbuf_prepend(nint mbuf, ushort len);
    [DllImport(Lib), SuppressGCTransition] internal static extern byte* ttt_mbuf_append(nint mbuf, ushort len);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_rx_burst_frames(ushort port, ushort queue, PacketBuffer* frames, ushort n, long* droppedChained);
    [DllImport(Lib), SuppressGCTransition] internal static extern int ttt_alloc_frames(nint pool, PacketBuffer* frames, ushort n);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_tx_burst_frames(ushort port, ushort queue, PacketBuffer* frames, ushort n);
    [DllImport(Lib), SuppressGCTransition] internal static extern void ttt_free_frames(PacketBuffer* frames, ushort n);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_tx_burst_frames_tcp_cksum(ushort port, ushort queue, PacketBuffer* frames, ushort n);

    // ---- our own ports: a tap fd, a shared-memory ring (no DPDK) ----
    [DllImport(Lib)] internal static extern int ttt_tap_open(byte* name);
    [DllImport(Lib)] internal static extern void ttt_tap_close(int fd);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_tap_recv(int fd, PacketBuffer* frames, ushort n, long* truncated);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_tap_send(int fd, PacketBuffer* frames, ushort n);
    [DllImport(Lib)] internal static extern int ttt_shm_open(byte* path, int side, nint* link);
    [DllImport(Lib)] internal static extern void ttt_shm_close(nint link);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_shm_recv(nint link, PacketBuffer* frames, ushort n, long* truncated);
    [DllImport(Lib), SuppressGCTransition] internal static extern ushort ttt_shm_send(nint link, PacketBuffer* frames, ushort n);

    // ---- arenas (cold) ----
    [DllImport(Lib)] internal static extern void* ttt_arena_alloc(ulong bytes, int* kind);
    [DllImport(Lib)] internal static extern void ttt_arena_free(void* p, ulong bytes);

    // ---- time ----
    [DllImport(Lib), SuppressGCTransition] internal static extern ulong ttt_rdtsc();
    [DllImport(Lib)] internal static extern ulong ttt_tsc_hz();

    /// <summary>A NUL-terminated C string from the shim, decoded off the hot path.</summary>
    internal static string? FromUtf8(byte* s) => s == null ? null : Marshal.PtrToStringUTF8((nint)s);
}
