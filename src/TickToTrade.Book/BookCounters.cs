namespace TickToTrade.Book;

/// <summary>What the book applied, and everything it could not.</summary>
public struct BookCounters
{
    public long Adds, Executions, Cancels, Deletes, Replaces, Trades, CrossTrades, BrokenTrades;
    /// <summary>Events for an order reference the book does not hold (joined late, or its symbol is degraded).</summary>
    public long UnknownOrders;
    /// <summary>Adds whose reference is already live (the feed and the book disagree: both symbols are degraded).</summary>
    public long DuplicateOrders;
    /// <summary>Executions or cancels larger than the order's open size (applied as the whole remainder).</summary>
    public long Overfills;
    /// <summary>Events whose stock locate is beyond the configured symbol capacity.</summary>
    public long SymbolOutOfRange;
    /// <summary>Adds refused because the order store was full.</summary>
    public long OrderStoreFull;
    /// <summary>Adds refused because the shared level pool had no room for a new price level.</summary>
    public long LevelsFull;
    /// <summary>Symbols marked degraded.</summary>
    public long DegradedSymbols;
    /// <summary>Order events dropped because their Buy/Sell Indicator was neither 'B' nor 'S' (§1.3.1).</summary>
    public long InvalidSides;
    /// <summary>
    /// Messages dropped because an enumerated field the book acts on held a value the spec does not
    /// define: a trading state, Reg SHO action, operational halt market or action, participant
    /// position flags, MWCB breach level, imbalance direction, or an execution's Printable flag.
    /// </summary>
    public long InvalidValues;
    /// <summary>IPO Quoting Period Updates (locate 0 by the spec) naming a stock the directory has not listed.</summary>
    public long UnknownStocks;

    public readonly (string Name, long Value)[] ToPairs() =>
    [
        ("adds", Adds), ("executions", Executions), ("cancels", Cancels), ("deletes", Deletes), ("replaces", Replaces),
        ("trades", Trades), ("cross_trades", CrossTrades), ("broken_trades", BrokenTrades), ("unknown_orders", UnknownOrders),
        ("duplicate_orders", DuplicateOrders), ("overfills", Overfills), ("symbol_out_of_range", SymbolOutOfRange),
        ("order_store_full", OrderStoreFull), ("levels_full", LevelsFull),
        ("degraded_symbols", DegradedSymbols), ("invalid_sides", InvalidSides), ("invalid_values", InvalidValues), ("unknown_stocks", UnknownStocks),
    ];
}
