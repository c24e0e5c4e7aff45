using System.Numerics;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Memory;

/// <summary>
/// Two ports joined back to back in memory, sharing one buffer pool: what
/// <see cref="A"/> transmits, <see cref="B"/> receives, and the other way round.
/// It is the deterministic wire for protocol tests and benches. All memory is
/// allocated here, once; <see cref="Dispose"/> frees it.
/// </summary>
public sealed unsafe class MemoryPortPair : IDisposable
{
    private MemoryPortState* _state;

    /// <summary>
    /// Creates a pair with <paramref name="buffers"/> frame buffers in total and a
    /// ring of <paramref name="ringCapacity"/> frames (rounded up to a power of two) each way.
    /// </summary>
    public MemoryPortPair(int buffers = 4096, int ringCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buffers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ringCapacity, 1);
        uint ring = BitOperations.RoundUpToPowerOf2((uint)ringCapacity);
        _state = AlignedNative.Alloc<MemoryPortState>(1);
        _state->Pool.Memory = AlignedNative.Alloc<byte>((nuint)buffers * BufferPool.SlotSize);
        _state->Pool.FreeStack = AlignedNative.Alloc<int>((nuint)buffers);
        _state->Pool.Capacity = buffers;
        for (int i = 0; i < buffers; i++)
            _state->Pool.FreeStack[i] = buffers - 1 - i;
        _state->Pool.FreeCount = buffers;
        _state->ToA.Slots = AlignedNative.Alloc<PacketBuffer>(ring);
        _state->ToA.Mask = ring - 1;
        _state->ToB.Slots = AlignedNative.Alloc<PacketBuffer>(ring);
        _state->ToB.Mask = ring - 1;
    }

    /// <summary>One end: transmits into <see cref="B"/>'s receive ring.</summary>
    public MemoryPort A => new(_state, aSide: true);

    /// <summary>The other end: transmits into <see cref="A"/>'s receive ring.</summary>
    public MemoryPort B => new(_state, aSide: false);

    /// <summary>Buffers free in the shared pool (all of them, once every frame is freed).</summary>
    public int FreeBuffers => _state->Pool.FreeCount;

    /// <summary>Total buffers in the shared pool.</summary>
    public int Capacity => _state->Pool.Capacity;

    public void Dispose()
    {
        if (_state == null)
            return;
        AlignedNative.Free(_state->Pool.Memory);
        AlignedNative.Free(_state->Pool.FreeStack);
        AlignedNative.Free(_state->ToA.Slots);
        AlignedNative.Free(_state->ToB.Slots);
        AlignedNative.Free(_state);
        _state = null;
    }
}
