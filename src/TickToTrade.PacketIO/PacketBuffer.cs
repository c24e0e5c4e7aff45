using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO;

/// <summary>
/// One frame lent by a port: a pointer into the port's own buffer memory (an mbuf
/// for DPDK, a pool slot for the in-memory port). Layout mirrors <c>ttt_frame</c>
/// in native/ttt_native.h so a burst is described by the shim in one call.
/// A buffer is owned by whoever holds it until it is transmitted or freed through
/// the port it came from; the span is valid only until then.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct PacketBuffer
{
    /// <summary>The owner's handle: an <c>rte_mbuf*</c>, or a pool slot index.</summary>
    public nint Handle;
    /// <summary>First byte of the frame.</summary>
    public byte* Data;
    /// <summary>Frame length in bytes.</summary>
    public uint Length;
    /// <summary>Free bytes before <see cref="Data"/>, for headers prepended later.</summary>
    public ushort Headroom;
    /// <summary>Free bytes after <see cref="Data"/> + <see cref="Length"/>.</summary>
    public ushort Tailroom;

    /// <summary>The frame's bytes.</summary>
    public readonly Span<byte> Span
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Data, (int)Length);
    }

    /// <summary>Grows the frame at its end by <paramref name="count"/> bytes; false if the tailroom is too small.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAppend(int count, out Span<byte> appended)
    {
        if ((uint)count > Tailroom)
        {
            appended = default;
            return false;
        }
        appended = new Span<byte>(Data + Length, count);
        Length += (uint)count;
        Tailroom -= (ushort)count;
        return true;
    }

    /// <summary>Grows the frame at its start by <paramref name="count"/> bytes; false if the headroom is too small.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryPrepend(int count, out Span<byte> prepended)
    {
        if ((uint)count > Headroom)
        {
            prepended = default;
            return false;
        }
        Data -= count;
        Length += (uint)count;
        Headroom -= (ushort)count;
        prepended = new Span<byte>(Data, count);
        return true;
    }

    /// <summary>Shrinks the frame to <paramref name="length"/> bytes (no-op if already shorter).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Truncate(uint length)
    {
        if (length < Length)
        {
            Tailroom += (ushort)(Length - length);
            Length = length;
        }
    }
}
