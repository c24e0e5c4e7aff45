namespace TickToTrade.Book;

/// <summary>What the book applied, and everything it could not.</summary>
public struct BookCounters
{
    public long Adds, Executions, Cancels, Deletes, Replaces, Trades, CrossTrades, BrokenTrades;
    /// <summary>Events for an order reference the book does not hold (joined late, or its symbol is degraded).</summary>
    public long UnknownOrders;
    /// <summary>Adds whose reference is already live (or zero).</summary>
    public long DuplicateOrders;
    /// <summary>Executions or cancels larger than the order's open size (applied as the whole remainder).</summary>
    public long Overfills;
    /// <summary>Events whose stock locate is beyond the configured symbol capacity.</summary>
    public long SymbolOutOfRange;
    /// <summary>Adds refused because the order store was full.</summary>
    public long OrderStoreFull;
    /// <summary>Adds refused because a side had no free price level.</summary>
    public long LevelsFull;
    /// <summary>Adds, and replaces' new orders, refused because the reference is beyond what a slot holds (2^47 - 1; NASDAQ's reach about 2^32 in a day).</summary>
    public long ReferenceOutOfRange;
    /// <summary>Symbols marked degraded.</summary>
    public long DegradedSymbols;
    /// <summary>State messages with a value the spec does not define (e.g. an MWCB breach level other than 1-3), ignored.</summary>
    public long UnknownStateValues;

    public readonly (string Name, long Value)[] ToPairs() =>
    [
        ("adds", Adds), ("executions", Executions), ("cancels", Cancels), ("deletes", Deletes), ("replaces", Replaces),
        ("trades", Trades), ("cross_trades", CrossTrades), ("broken_trades", BrokenTrades), ("unknown_orders", UnknownOrders),
        ("duplicate_orders", DuplicateOrders), ("overfills", Overfills), ("symbol_out_of_range", SymbolOutOfRange),
        ("order_store_full", OrderStoreFull), ("levels_full", LevelsFull),
        ("reference_out_of_range", ReferenceOutOfRange), ("degraded_symbols", DegradedSymbols), ("unknown_state_values", UnknownStateValues),
    ];
}
