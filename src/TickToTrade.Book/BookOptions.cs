namespace TickToTrade.Book;

/// <summary>The book's fixed capacities, chosen at start-up; nothing grows afterwards.</summary>
public sealed record BookOptions
{
    /// <summary>Live orders the order store holds (its table is a power of two of 4-order buckets, kept at most 7/8 full; it runs fastest at about a third full).</summary>
    public int MaxOrders { get; init; } = 1 << 20;

    /// <summary>Stock locates 1..MaxSymbols are tracked (ITCH locates are 16-bit).</summary>
    public int MaxSymbols { get; init; } = 16_384;

    /// <summary>Price levels per side per symbol.</summary>
    public int LevelsPerSide { get; init; } = 256;

    public void Validate()
    {
        if (MaxOrders is < 16 or > 1 << 30)
            throw new ArgumentException($"Book.MaxOrders must be 16..2^30, not {MaxOrders}");
        if (MaxSymbols is < 1 or > 65_535)
            throw new ArgumentException($"Book.MaxSymbols must be 1..65535, not {MaxSymbols}");
        if (LevelsPerSide is < 1 or > 65_535)
            throw new ArgumentException($"Book.LevelsPerSide must be 1..65535, not {LevelsPerSide}");
    }
}
