using System.Runtime.CompilerServices;

namespace TickToTrade.PacketIO.Memory;

/// <summary>One end of a <see cref="MemoryPortPair"/>; a handle, copied freely.</summary>
public readonly unsafe struct MemoryPort : IPacketPort
{
    private readonly MemoryPortState* _state;
    private readonly bool _aSide;

    internal MemoryPort(MemoryPortState* state, bool aSide)
    {
        _state = state;
        _aSide = aSide;
    }

    /// <inheritdoc />
    public bool TcpChecksumOffload => false; // we copy the frame: computing the checksum is ours

    /// <inheritdoc />
    public ref PortCounters Counters => ref _aSide ? ref _state->CountersA : ref _state->CountersB;

    private ref FrameRing Inbound => ref _aSide ? ref _state->ToA : ref _state->ToB;
    private ref FrameRing Outbound => ref _aSide ? ref _state->ToB : ref _state->ToA;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(Span<PacketBuffer> frames)
    {
        ref PortCounters c = ref Counters;
        ref FrameRing ring = ref Inbound;
        c.RxPolls++;
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        int got = 0;
        while (got < n && ring.TryPop(out frames[got]))
        {
            c.RxBytes += frames[got].Length;
            got++;
        }
        if (got == 0)
            c.RxEmptyPolls++;
        c.RxFrames += got;
        return got;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Allocate(Span<PacketBuffer> frames)
    {
        ref BufferPool pool = ref _state->Pool;
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        if (pool.FreeCount < n)
        {
            Counters.AllocFailures++;
            return 0;
        }
        for (int i = 0; i < n; i++)
            pool.TryTake(out frames[i]);
        return n;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Transmit(Span<PacketBuffer> frames)
    {
        ref PortCounters c = ref Counters;
        ref FrameRing ring = ref Outbound;
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        int sent = 0;
        while (sent < n && ring.TryPush(frames[sent]))
        {
            c.TxBytes += frames[sent].Length;
            sent++;
        }
        c.TxFrames += sent;
        c.TxRingFull += n - sent;
        return sent;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Free(Span<PacketBuffer> frames)
    {
        ref BufferPool pool = ref _state->Pool;
        for (int i = 0; i < frames.Length; i++)
            pool.Return(frames[i].Handle);
    }
}
