using System.Runtime.CompilerServices;

namespace TickToTrade.PacketIO.Memory;

/// <summary>
/// Fixed-size frame buffers carved from one native block, with a LIFO free list
/// (the most recently freed buffer is the warmest in cache). The in-memory
/// analogue of a DPDK mempool: exhausted means Allocate fails, never grows.
/// </summary>
internal unsafe struct BufferPool
{
    public const int SlotSize = PortLimits.Headroom + PortLimits.DataRoom;

    public byte* Memory;
    public int* FreeStack;
    public int FreeCount;
    public int Capacity;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryTake(out PacketBuffer frame)
    {
        if (FreeCount == 0)
        {
            frame = default;
            return false;
        }
        int slot = FreeStack[--FreeCount];
        frame.Handle = slot;
        frame.Data = Memory + (nint)slot * SlotSize + PortLimits.Headroom;
        frame.Length = 0;
        frame.Headroom = PortLimits.Headroom;
        frame.Tailroom = PortLimits.DataRoom;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Return(nint slot) => FreeStack[FreeCount++] = (int)slot;

    /// <summary>Carves <paramref name="buffers"/> slots from fresh native memory.</summary>
    public static void Init(ref BufferPool pool, int buffers)
    {
        pool.Memory = Native.AlignedNative.Alloc<byte>((nuint)buffers * SlotSize);
        pool.FreeStack = Native.AlignedNative.Alloc<int>((nuint)buffers);
        pool.Capacity = buffers;
        for (int i = 0; i < buffers; i++)
            pool.FreeStack[i] = buffers - 1 - i;
        pool.FreeCount = buffers;
    }

    public static void Release(ref BufferPool pool)
    {
        Native.AlignedNative.Free(pool.Memory);
        Native.AlignedNative.Free(pool.FreeStack);
        pool = default;
    }
}
