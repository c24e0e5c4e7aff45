using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Dpdk;

/// <summary>
/// A pktmbuf mempool, created once at start-up on the port's NUMA socket
/// (hugepages when EAL has them). Its capacity is fixed: when it runs out,
/// <see cref="IPacketPort.Allocate"/> fails and counts it.
/// </summary>
public sealed unsafe class PacketMempool : IDisposable
{
    /// <summary>The <c>rte_mempool*</c>.</summary>
    public nint Handle { get; private set; }
    /// <summary>Pool name, unique per process.</summary>
    public string Name { get; }
    /// <summary>Number of mbufs.</summary>
    public uint Count { get; }
    /// <summary>Bytes of each mbuf's buffer, headroom included.</summary>
    public ushort BufferSize { get; }

    private PacketMempool(nint handle, string name, uint count, ushort bufferSize)
    {
        Handle = handle;
        Name = name;
        Count = count;
        BufferSize = bufferSize;
    }

    /// <summary>
    /// Creates a pool of <paramref name="count"/> mbufs (a power of two minus one is
    /// optimal for the ring) with <see cref="PortLimits.DataRoom"/> bytes each, on
    /// <paramref name="socketId"/> (-1: any). Throws a <see cref="DpdkException"/>
    /// that names the size it asked for.
    /// </summary>
    public static PacketMempool Create(string name, uint count, int socketId, uint cacheSize = 256)
    {
        const ushort bufferSize = PortLimits.DataRoom + PortLimits.Headroom;
        using var text = new NativeUtf8(name);
        int err;
        nint pool = NativeMethods.ttt_mempool_create(text.Pointer, count, cacheSize, bufferSize, socketId, &err);
        if (pool == 0)
        {
            double mib = (double)count * (bufferSize + 128 + 64) / (1024 * 1024);
            throw new DpdkException(
                $"cannot create mempool \"{name}\" of {count} mbufs x {bufferSize} B (about {mib:F1} MiB) on socket {socketId}: {DpdkError.Describe(err)}" +
                " (more hugepages, or EAL -m/--no-huge, or a smaller pool would fix it)", err);
        }
        return new PacketMempool(pool, name, count, bufferSize);
    }

    /// <summary>Mbufs currently free in the pool.</summary>
    public uint Available => NativeMethods.ttt_mempool_avail(Handle);

    /// <summary>Frees the pool; every port using it must be stopped first.</summary>
    public void Dispose()
    {
        if (Handle != 0)
        {
            NativeMethods.ttt_mempool_free(Handle);
            Handle = 0;
        }
    }
}
