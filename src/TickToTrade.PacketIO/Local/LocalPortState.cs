using System.Runtime.CompilerServices;
using TickToTrade.PacketIO.Memory;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// What a port of our own (tap fd, shared-memory ring) keeps in native memory: its
/// buffer pool, a burst of empty buffers armed for the next receive (so a poll that
/// finds nothing costs no pool traffic), the device handle and the counters.
/// </summary>
internal unsafe struct LocalPortState
{
    public BufferPool Pool;
    public PacketBuffer* Armed; // PortLimits.MaxBurst empty buffers, lent to the device on each receive
    public int ArmedCount;
    public nint Handle;         // the tap fd, or the ttt_shm_link*
    public PortCounters Counters;

    /// <summary>Tops the armed burst up from the pool; returns how many are armed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Arm()
    {
        while (ArmedCount < PortLimits.MaxBurst && Pool.TryTake(out Armed[ArmedCount]))
            ArmedCount++;
        return ArmedCount;
    }

    /// <summary>After the device filled the first <paramref name="got"/> armed buffers: hands them to <paramref name="frames"/> and closes the gap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Deliver(int got, Span<PacketBuffer> frames)
    {
        for (int i = 0; i < got; i++)
        {
            frames[i] = Armed[i];
            Counters.RxBytes += Armed[i].Length;
        }
        int rest = ArmedCount - got;
        for (int i = 0; i < rest; i++)
            Armed[i] = Armed[got + i];
        ArmedCount = rest;
        Counters.RxFrames += got;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Allocate(Span<PacketBuffer> frames)
    {
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        if (Pool.FreeCount < n)
        {
            Counters.AllocFailures++;
            return 0;
        }
        for (int i = 0; i < n; i++)
            Pool.TryTake(out frames[i]);
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Free(Span<PacketBuffer> frames)
    {
        for (int i = 0; i < frames.Length; i++)
            Pool.Return(frames[i].Handle);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CountSent(Span<PacketBuffer> frames, int sent)
    {
        for (int i = 0; i < sent; i++)
            Counters.TxBytes += frames[i].Length;
        Counters.TxFrames += sent;
        Counters.TxRingFull += frames.Length - sent;
    }

    /// <summary>Frames the device took are copied out: their buffers go back to the pool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Recycle(Span<PacketBuffer> sent)
    {
        for (int i = 0; i < sent.Length; i++)
            Pool.Return(sent[i].Handle);
    }

    public static LocalPortState* Create(int buffers, nint handle)
    {
        var s = Native.AlignedNative.Alloc<LocalPortState>(1);
        BufferPool.Init(ref s->Pool, buffers);
        s->Armed = Native.AlignedNative.Alloc<PacketBuffer>(PortLimits.MaxBurst);
        s->ArmedCount = 0;
        s->Handle = handle;
        return s;
    }

    public static void Destroy(LocalPortState* s)
    {
        BufferPool.Release(ref s->Pool);
        Native.AlignedNative.Free(s->Armed);
        Native.AlignedNative.Free(s);
    }
}
