namespace TickToTrade.App.Configuration;

/// <summary>The order book's fixed capacities (see TickToTrade.Book.BookOptions).</summary>
public sealed class BookConfig
{
    public int MaxOrders { get; set; } = 1 << 20;
    public int MaxSymbols { get; set; } = 16384;
    public int LevelsPerSide { get; set; } = 256;

    public TickToTrade.Book.BookOptions ToOptions() =>
        new() { MaxOrders = MaxOrders, MaxSymbols = MaxSymbols, LevelsPerSide = LevelsPerSide };
}
