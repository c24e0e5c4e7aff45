namespace TickToTrade.MarketData.Generation;

/// <summary>What the generator wrote, for its JSON report and for tests.</summary>
/// <param name="PeakLiveOrders">The most orders live at once over the day, all symbols together.</param>
/// <param name="MaxSideLevels">The most distinct prices one side of one symbol's book held at once over the day.</param>
public sealed record GeneratorSummary(
    long Messages,
    IReadOnlyList<(char Type, long Count)> ByType,
    long OrdersAdded,
    long OrdersDeleted,
    long OrdersReplaced,
    long OrdersFullyExecuted,
    long LiveOrdersAtEnd,
    long PeakLiveOrders,
    int MaxSideLevels)
{
    /// <summary>Of the orders that ended, the share that ended by a delete or a replace rather than a fill.</summary>
    public double CancelledFraction
    {
        get
        {
            long ended = OrdersDeleted + OrdersReplaced + OrdersFullyExecuted;
            return ended == 0 ? 0 : (double)(OrdersDeleted + OrdersReplaced) / ended;
        }
    }
}
