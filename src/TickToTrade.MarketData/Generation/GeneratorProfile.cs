namespace TickToTrade.MarketData.Generation;

/// <summary>The shape of a generated day's order flow (<c>ttt gen --profile</c>).</summary>
public enum GeneratorProfile
{
    /// <summary>
    /// Adds balance removals all day, at most 4096 live orders a symbol, every price 1-30 ticks from the touch.
    /// The same seed gives the same bytes as before the profiles existed.
    /// </summary>
    Default,

    /// <summary>
    /// A day that builds a large book: adds outweigh removals over the first quarter of the order flow, balance
    /// them over the middle half and fall short of them over the last quarter, with no per-symbol cap; the live
    /// count peaks near 2.5% of the order-flow messages. A long tail of orders rests hundreds to thousands of
    /// ticks from the touch, and the four most active names rest thousands of distinct levels a side (over
    /// 20,000 on the deepest side of a 50,000,000-message day).
    /// </summary>
    Realistic,
}
