namespace TickToTrade.Book;

/// <summary>Best bid and ask with their sizes, and the two signals strategies derive from them.</summary>
public readonly record struct TopOfBook(PriceLevel Bid, PriceLevel Ask)
{
    public bool HasBid => Bid.Orders != 0;
    public bool HasAsk => Ask.Orders != 0;

    /// <summary>(bid size − ask size) / (bid size + ask size), in [−1, 1]; 0 when either side is empty.</summary>
    public double Imbalance => HasBid && HasAsk ? ((double)Bid.Shares - Ask.Shares) / ((double)Bid.Shares + Ask.Shares) : 0;

    /// <summary>
    /// Size-weighted mid: (bid × ask size + ask × bid size) / (bid size + ask size), in Price (4) units;
    /// 0 when either side is empty. It leans toward the side more likely to trade through.
    /// </summary>
    public double Microprice => HasBid && HasAsk
        ? ((double)Bid.Price * Ask.Shares + (double)Ask.Price * Bid.Shares) / ((double)Bid.Shares + Ask.Shares)
        : 0;
}
