using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickToTrade.Wire;

/// <summary>
/// Network-order reads and writes at a fixed offset, without a bounds check.
/// Only a view whose TryCreate has already checked the length may call these:
/// that single check is what makes every later field read safe.
/// </summary>
public static class BigEndian
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte U8(ReadOnlySpan<byte> s, int offset) => Unsafe.Add(ref MemoryMarshal.GetReference(s), offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort U16(ReadOnlySpan<byte> s, int offset) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint U32(ReadOnlySpan<byte> s, int offset) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong U64(ReadOnlySpan<byte> s, int offset) =>
        BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), offset)));

    /// <summary>
    /// A 48-bit field (ITCH timestamps): one 64-bit load ending at the field's last
    /// byte, byte-swapped, upper 16 bits masked off. Needs <paramref name="offset"/> ≥ 2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong U48(ReadOnlySpan<byte> s, int offset) => U64(s, offset - 2) & 0x0000_FFFF_FFFF_FFFFUL;

    /// <summary>
    /// An n-byte (1..8) field as an unsigned integer, first byte most significant:
    /// how fixed-width ASCII fields (stock symbols, MPIDs) are compared as one value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Packed(ReadOnlySpan<byte> s, int offset, int length)
    {
        ulong v = 0;
        for (int i = 0; i < length; i++)
            v = (v << 8) | Unsafe.Add(ref MemoryMarshal.GetReference(s), offset + i);
        return v;
    }

    public static void WriteU16(Span<byte> s, int offset, ushort v) => BinaryPrimitives.WriteUInt16BigEndian(s[offset..], v);
    public static void WriteU32(Span<byte> s, int offset, uint v) => BinaryPrimitives.WriteUInt32BigEndian(s[offset..], v);
    public static void WriteU64(Span<byte> s, int offset, ulong v) => BinaryPrimitives.WriteUInt64BigEndian(s[offset..], v);

    public static void WriteU48(Span<byte> s, int offset, ulong v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(s[offset..], (ushort)(v >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(s[(offset + 2)..], (uint)v);
    }

    /// <summary>Inverse of <see cref="Packed"/>.</summary>
    public static void WritePacked(Span<byte> s, int offset, int length, ulong v)
    {
        for (int i = length - 1; i >= 0; i--)
        {
            s[offset + i] = (byte)v;
            v >>= 8;
        }
    }
}
