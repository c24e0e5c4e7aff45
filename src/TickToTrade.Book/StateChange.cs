namespace TickToTrade.Book;

/// <summary>Which state a message changed (with <see cref="BookChangeKind.State"/>).</summary>
public enum StateChange : byte
{
    None = 0,
    /// <summary>§1.2.1 Stock Directory.</summary>
    Directory,
    /// <summary>§1.2.2 Stock Trading Action (H): halted, paused, quotation only or trading.</summary>
    TradingAction,
    /// <summary>§1.2.3 Reg SHO Short Sale Price Test Restricted Indicator (Y).</summary>
    ShortSaleTest,
    /// <summary>§1.2.4 Market Participant Position (L): the primary market maker.</summary>
    MarketParticipant,
    /// <summary>§1.2.5 MWCB Decline Level (V) or Status (W): market-wide, so <see cref="BookChange.Locate"/> is 0.</summary>
    MarketWideCircuitBreaker,
    /// <summary>§1.2.6 IPO Quoting Period Update (K).</summary>
    IpoQuotingPeriod,
    /// <summary>§1.2.7 LULD Auction Collar (J).</summary>
    LuldAuctionCollar,
    /// <summary>§1.2.8 Operational Halt (h) on Nasdaq.</summary>
    OperationalHalt,
    /// <summary>§1.6 Net Order Imbalance Indicator (I).</summary>
    Imbalance,
    /// <summary>A capacity ran out: the symbol is degraded and must not be traded.</summary>
    Degraded,
}
