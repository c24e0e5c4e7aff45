namespace TickToTrade.Book;

/// <summary>
/// The book's fixed capacities, chosen at start-up; nothing grows afterwards. The
/// defaults hold a day far larger than a realistic one (see each), in about
/// 277 MiB of native memory.
/// </summary>
public sealed record BookOptions
{
    /// <summary>
    /// Live orders the order store holds at once. Default 2^22 (4,194,304): three times
    /// the peak of `ttt gen --profile realistic` at 50M messages (1,336,722), in a 128 MB table.
    /// The table is a power of two of 3-order buckets, kept at most 7/8 full.
    /// </summary>
    public int MaxOrders { get; init; } = 1 << 22;

    /// <summary>Stock locates 1..MaxSymbols are tracked. Default 65,535: every locate ITCH can carry (§1: a 2-byte integer; 0 is for market-wide messages).</summary>
    public int MaxSymbols { get; init; } = 65_535;

    /// <summary>
    /// Price levels in the pool shared by every side beyond its best seven (which every
    /// side has in its own block), handed out in chunks of 32 levels plus a small chunk
    /// directory per deep side. Default 2^23 (8,388,608 levels, 128 MB): 17 times the
    /// 486,824 that `ttt gen --profile realistic` uses at its peak at 50M messages. A single
    /// side may take all of it; a side's first deep level takes 40 (a chunk and its
    /// directory), and a symbol is degraded only when the pool has no block of the size it needs.
    /// </summary>
    public long Levels { get; init; } = 1L << 23;

    /// <summary>Mixed into the order store's hash (the engine draws it at random at start-up, so a feed cannot aim at a bucket).</summary>
    public ulong HashSeed { get; init; } = 0x5DEE_CE66_D1CE_4E5BUL;

    public void Validate()
    {
        if (MaxOrders is < 16 or > 1 << 30)
            throw new ArgumentException($"Book.MaxOrders must be 16..2^30, not {MaxOrders}");
        if (MaxSymbols is < 1 or > 65_535)
            throw new ArgumentException($"Book.MaxSymbols must be 1..65535, not {MaxSymbols}");
        if (Levels is < 1 or > LevelPool.MaxLevels)
            throw new ArgumentException($"Book.Levels must be 1..2^30, not {Levels}");
    }
}
