using System.Runtime.CompilerServices;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// Sequence-number comparisons modulo 2^32 (RFC 9293 §3.4: "all arithmetic
/// dealing with sequence numbers must be performed modulo 2**32"). Valid while
/// the two numbers are less than 2^31 apart, which the window sizes guarantee.
/// </summary>
public static class Seq
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Lt(uint a, uint b) => (int)(a - b) < 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Le(uint a, uint b) => (int)(a - b) <= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Gt(uint a, uint b) => (int)(a - b) > 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool Ge(uint a, uint b) => (int)(a - b) >= 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint Max(uint a, uint b) => Gt(a, b) ? a : b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static uint Min(uint a, uint b) => Lt(a, b) ? a : b;

    /// <summary>a ≤ x &lt; b, modulo 2^32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool InRange(uint x, uint a, uint b) => x - a < b - a;
}
