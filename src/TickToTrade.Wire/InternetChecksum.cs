using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickToTrade.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones'
/// complement sum of 16-bit words. Sums are kept unfolded in a ulong so that
/// pieces (pseudo-header, header, payload) can be added before one final fold.
/// </summary>
public static class InternetChecksum
{
    /// <summary>
    /// Adds <paramref name="data"/> to <paramref name="sum"/> as big-endian 16-bit words
    /// (RFC 1071 §4.1); an odd last byte is padded with zero. <paramref name="data"/>
    /// must start on a word boundary of the checksummed region.
    /// The words are summed eight bytes at a time in the machine's own byte order and
    /// the folded result swapped once: the ones' complement sum is independent of byte
    /// order up to that swap (RFC 1071 §2(B)), and of how words are grouped (§2(A)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        if (!BitConverter.IsLittleEndian)
            return AddBigEndianHost(sum, data);
        ref byte r = ref MemoryMarshal.GetReference(data);
        int n = data.Length, i = 0;
        ulong native = 0;
        for (; i + 8 <= n; i += 8)
        {
            ulong w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, i));
            native += (uint)w;
            native += w >> 32;
        }
        if (i + 4 <= n)
        {
            native += Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, i));
            i += 4;
        }
        if (i + 2 <= n)
        {
            native += Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref r, i));
            i += 2;
        }
        if (i < n)
            native += Unsafe.Add(ref r, i); // the low byte here is the high, zero-padded byte after the swap
        while ((native >> 16) != 0)
            native = (native & 0xFFFF) + (native >> 16);
        return sum + BinaryPrimitives.ReverseEndianness((ushort)native);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to the start of <paramref name="destination"/> and adds it to
    /// <paramref name="sum"/> in the same pass, as <see cref="Add"/> would: one read of the payload
    /// instead of two when the NIC does not checksum for us. Same word-boundary rule as Add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong CopyAndAdd(ulong sum, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!BitConverter.IsLittleEndian || destination.Length < source.Length)
        {
            source.CopyTo(destination);
            return Add(sum, source);
        }
        ref byte s = ref MemoryMarshal.GetReference(source);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int n = source.Length, i = 0;
        ulong native = 0;
        for (; i + 8 <= n; i += 8)
        {
            ulong w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s, i));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), w);
            native += (uint)w;
            native += w >> 32;
        }
        if (i + 4 <= n)
        {
            uint w = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref s, i));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), w);
            native += w;
            i += 4;
        }
        if (i + 2 <= n)
        {
            ushort w = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref s, i));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref d, i), w);
            native += w;
            i += 2;
        }
        if (i < n)
        {
            byte b = Unsafe.Add(ref s, i);
            Unsafe.Add(ref d, i) = b;
            native += b;
        }
        while ((native >> 16) != 0)
            native = (native & 0xFFFF) + (native >> 16);
        return sum + BinaryPrimitives.ReverseEndianness((ushort)native);
    }

    /// <summary>
    /// A partial sum of bytes that started at an odd offset of the checksummed region, made right
    /// for its place: RFC 1071 §2(B), a sum taken with the bytes swapped is the swapped sum.
    /// </summary>
    public static ulong SwapBytes(ulong partial)
    {
        while ((partial >> 16) != 0)
            partial = (partial & 0xFFFF) + (partial >> 16);
        return BinaryPrimitives.ReverseEndianness((ushort)partial);
    }

    private static ulong AddBigEndianHost(ulong sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 2 <= data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (ulong)data[i] << 8;
        return sum;
    }

    /// <summary>Folds a running sum to 16 bits and complements it: the value to put in a checksum field.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Finish(ulong sum)
    {
        while ((sum >> 16) != 0)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    /// <summary>Checksum of one buffer.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>
    /// Adds the IPv4 pseudo-header used by UDP (RFC 768) and TCP (RFC 9293 §3.1):
    /// source, destination, zero, protocol, and the transport length.
    /// </summary>
    public static ulong AddPseudoHeader(ulong sum, uint source, uint destination, byte protocol, int transportLength) =>
        sum + (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF) + protocol + (uint)transportLength;
}
