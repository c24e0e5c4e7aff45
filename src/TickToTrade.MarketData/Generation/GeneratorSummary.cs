namespace TickToTrade.MarketData.Generation;

/// <summary>What the generator wrote, for its JSON report and for tests.</summary>
public sealed record GeneratorSummary(
    long Messages,
    IReadOnlyList<(char Type, long Count)> ByType,
    long OrdersAdded,
    long OrdersDeleted,
    long OrdersReplaced,
    long OrdersFullyExecuted,
    long LiveOrdersAtEnd)
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
