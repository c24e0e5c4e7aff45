using System.Runtime.CompilerServices;

namespace TickToTrade.PacketIO.Memory;

/// <summary>
/// A bounded FIFO of frame descriptors in native memory: one direction of a
/// <see cref="MemoryPortPair"/>. Capacity is a power of two; a full ring refuses
/// (the sender counts it as TX ring full), it never grows.
/// Single-threaded: both ends of a pair are polled by the same loop.
/// </summary>
internal unsafe struct FrameRing
{
    public PacketBuffer* Slots;
    public uint Mask;
    public ulong Head; // next slot to read
    public ulong Tail; // next slot to write

    public readonly int Count => (int)(Tail - Head);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPush(in PacketBuffer frame)
    {
        if (Tail - Head > Mask)
            return false;
        Slots[Tail & Mask] = frame;
        Tail++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPop(out PacketBuffer frame)
    {
        if (Head == Tail)
        {
            frame = default;
            return false;
        }
        frame = Slots[Head & Mask];
        Head++;
        return true;
    }
}
