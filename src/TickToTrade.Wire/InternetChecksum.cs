using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace TickToTrade.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the ones' complement of the ones'
/// complement sum of 16-bit words. Sums are kept unfolded in a ulong so that
/// pieces (pseudo-header, header, payload) can be added before one final fold.
/// </summary>
public static class InternetChecksum
{
    /// <summary>Adds <paramref name="data"/> to <paramref name="sum"/> as big-endian 16-bit words (RFC 1071 §4.1); an odd last byte is padded with zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Add(ulong sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        // 4 bytes at a time: ones' complement addition is associative (RFC 1071 §2(B)),
        // so 32-bit big-endian chunks fold to the same 16-bit result.
        for (; i + 4 <= data.Length; i += 4)
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        if (i + 2 <= data.Length)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
            i += 2;
        }
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
