namespace TickToTrade.MarketData.Generation;

/// <summary>How the generator numbers order references (<c>ttt gen --refs</c>).</summary>
public enum ReferenceNumbering
{
    /// <summary>As NASDAQ does: increasing from 1 in small random steps (1-4).</summary>
    Nasdaq,

    /// <summary>
    /// The same counter mapped through a seeded bijection of the 64-bit integers (<see cref="ReferencePermutation"/>):
    /// references land anywhere in 1..2^64-1, top bit set or not, and stay distinct over the day.
    /// </summary>
    Random64,
}
