using System.Runtime.CompilerServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Dpdk;

/// <summary>
/// The data path of one DPDK queue pair: a small handle that is copied freely.
/// Each call is one [SuppressGCTransition] call into the shim for a whole burst;
/// nothing here allocates or throws.
/// </summary>
public readonly unsafe struct DpdkPort : IPacketPort
{
    private readonly PortCounters* _counters;
    private readonly nint _pool;
    private readonly ushort _port;
    private readonly ushort _queue;
    private readonly bool _tcpChecksum;

    internal DpdkPort(ushort port, ushort queue, nint pool, PortCounters* counters, bool tcpChecksumOffload = false)
    {
        _tcpChecksum = tcpChecksumOffload;
        _port = port;
        _queue = queue;
        _pool = pool;
        _counters = counters;
    }

    /// <summary>The DPDK port id.</summary>
    public ushort PortId => _port;

    /// <inheritdoc />
    public ref PortCounters Counters => ref *_counters;

    /// <inheritdoc />
    public bool TcpChecksumOffload => _tcpChecksum;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(Span<PacketBuffer> frames)
    {
        PortCounters* c = _counters;
        c->RxPolls++;
        int want = Math.Min(frames.Length, PortLimits.MaxBurst);
        int got;
        fixed (PacketBuffer* f = frames)
            got = NativeMethods.ttt_rx_burst_frames(_port, _queue, f, (ushort)want, &c->RxDroppedChained);
        if (got == 0)
        {
            c->RxEmptyPolls++;
            return 0;
        }
        c->RxFrames += got;
        for (int i = 0; i < got; i++)
            c->RxBytes += frames[i].Length;
        return got;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Allocate(Span<PacketBuffer> frames)
    {
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        int rc;
        fixed (PacketBuffer* f = frames)
            rc = NativeMethods.ttt_alloc_frames(_pool, f, (ushort)n);
        if (rc <= 0)
        {
            _counters->AllocFailures++;
            return 0;
        }
        return rc;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Transmit(Span<PacketBuffer> frames)
    {
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        if (n == 0)
            return 0;
        long bytes = 0;
        int sent;
        fixed (PacketBuffer* f = frames)
            sent = _tcpChecksum
                ? NativeMethods.ttt_tx_burst_frames_tcp_cksum(_port, _queue, f, (ushort)n)
                : NativeMethods.ttt_tx_burst_frames(_port, _queue, f, (ushort)n);
        for (int i = 0; i < sent; i++)
            bytes += frames[i].Length;
        PortCounters* c = _counters;
        c->TxFrames += sent;
        c->TxBytes += bytes;
        c->TxRingFull += n - sent;
        return sent;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Free(Span<PacketBuffer> frames)
    {
        fixed (PacketBuffer* f = frames)
        {
            for (int done = 0; done < frames.Length; done += PortLimits.MaxBurst)
                NativeMethods.ttt_free_frames(f + done, (ushort)Math.Min(PortLimits.MaxBurst, frames.Length - done));
        }
    }
}
