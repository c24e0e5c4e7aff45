using System.Numerics;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// SipHash-2-4 (Aumasson and Bernstein, 2012) of a fixed 12-byte input: the
/// keyed pseudo-random function RFC 6528 §3 asks for ("a cryptographic hash
/// function ... MD5 ... or better"), without allocating.
/// </summary>
public static class SipHash
{
    /// <summary>SipHash-2-4 of <paramref name="a"/> (8 bytes) then <paramref name="b"/> (4 bytes), little-endian.</summary>
    public static ulong Hash12(ulong k0, ulong k1, ulong a, uint b)
    {
        ulong v0 = 0x736f6d6570736575UL ^ k0, v1 = 0x646f72616e646f6dUL ^ k1;
        ulong v2 = 0x6c7967656e657261UL ^ k0, v3 = 0x7465646279746573UL ^ k1;
        Compress(ref v0, ref v1, ref v2, ref v3, a);
        Compress(ref v0, ref v1, ref v2, ref v3, b | (12UL << 56)); // last block: 4 bytes, then the length in the top byte
        v2 ^= 0xFF;
        for (int i = 0; i < 4; i++)
            Round(ref v0, ref v1, ref v2, ref v3);
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong m)
    {
        v3 ^= m;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= m;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
    }
}
