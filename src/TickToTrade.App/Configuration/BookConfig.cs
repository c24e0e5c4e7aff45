using System.Security.Cryptography;

namespace TickToTrade.App.Configuration;

/// <summary>The order book's fixed capacities (see TickToTrade.Book.BookOptions for what the defaults hold).</summary>
public sealed class BookConfig
{
    public int MaxOrders { get; set; } = new TickToTrade.Book.BookOptions().MaxOrders;
    public int MaxSymbols { get; set; } = new TickToTrade.Book.BookOptions().MaxSymbols;
    /// <summary>Price levels in the pool shared by every side beyond its best seven.</summary>
    public long Levels { get; set; } = new TickToTrade.Book.BookOptions().Levels;

    /// <summary>The book's options, with the order store's hash seeded at random (start-up only), so a feed cannot aim at its buckets.</summary>
    public TickToTrade.Book.BookOptions ToOptions() =>
        new() { MaxOrders = MaxOrders, MaxSymbols = MaxSymbols, Levels = Levels, HashSeed = RandomSeed() };

    internal static ulong RandomSeed()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BitConverter.ToUInt64(bytes);
    }
}
