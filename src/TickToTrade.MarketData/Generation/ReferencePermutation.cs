using TickToTrade.PacketIO.Randomness;

namespace TickToTrade.MarketData.Generation;

/// <summary>
/// A keyed bijection of the 64-bit integers, for <c>--refs random64</c>: the generator's increasing
/// reference counter goes through it, so references spread over the whole range while distinct
/// counters stay distinct references. Every step can be undone (xor with a key; multiply by an odd
/// key, which has an inverse modulo 2^64; xor with the value shifted right), and <see cref="Invert"/> undoes them.
/// </summary>
public readonly struct ReferencePermutation
{
    private const ulong KeySalt = 0x5245_4653_3634_0001UL; // "REFS64", so the keys do not echo the flow's own generator
    private readonly ulong _key0, _key1, _key2, _odd0, _odd1;

    public ReferencePermutation(ulong seed)
    {
        var keys = new Xoshiro256(seed ^ KeySalt);
        _key0 = keys.NextUInt64();
        _key1 = keys.NextUInt64();
        _key2 = keys.NextUInt64();
        _odd0 = keys.NextUInt64() | 1;
        _odd1 = keys.NextUInt64() | 1;
    }

    public ulong Apply(ulong x)
    {
        x ^= _key0;
        x ^= x >> 31;
        x *= _odd0;
        x ^= _key1;
        x ^= x >> 29;
        x *= _odd1;
        x ^= x >> 32;
        return x ^ _key2;
    }

    /// <summary>The x with <c>Apply(x) == y</c>.</summary>
    public ulong Invert(ulong y)
    {
        y ^= _key2;
        y = UndoShiftXor(y, 32);
        y *= InverseOfOdd(_odd1);
        y = UndoShiftXor(y, 29);
        y ^= _key1;
        y *= InverseOfOdd(_odd0);
        y = UndoShiftXor(y, 31);
        return y ^ _key0;
    }

    /// <summary>Solves y = x ^ (x >> s) for x: each pass recovers s more of the high bits.</summary>
    private static ulong UndoShiftXor(ulong y, int s)
    {
        ulong x = y;
        for (int known = s; known < 64; known += s)
            x = y ^ (x >> s);
        return x;
    }

    /// <summary>m^-1 modulo 2^64 by Newton's iteration: m is its own inverse to 3 bits, and each step doubles the bits.</summary>
    private static ulong InverseOfOdd(ulong m)
    {
        ulong inverse = m;
        for (int i = 0; i < 5; i++)
            inverse *= 2 - m * inverse;
        return inverse;
    }
}
