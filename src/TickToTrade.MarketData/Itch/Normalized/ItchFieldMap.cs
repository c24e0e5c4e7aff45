namespace TickToTrade.MarketData.Itch.Normalized;

/// <summary>
/// Where each <see cref="ItchEvent"/> field comes from, per message class: the
/// byte offset and width of the big-endian field in the message (ITCH 5.0
/// field tables) and its offset in the event. <see cref="ItchShuffleMasks"/>
/// turns this into byte-shuffle masks.
/// </summary>
internal static class ItchFieldMap
{
    /// <summary>One big-endian wire field copied, byte-reversed, into the event.</summary>
    internal readonly record struct Field(int EventOffset, int MessageOffset, int Width);

    /// <summary>Message classes: 0 is "common header only".</summary>
    internal const int Classes = 10;

    /// <summary>Bytes of message the shuffle reads: the longest mapped field ends at 44 (P's match number).</summary>
    internal const int Window = 48;

    /// <summary>The class of each type byte (0 for types read through their view, and for unknown bytes).</summary>
    internal static int ClassOf(byte type) => type switch
    {
        (byte)'A' => 1,
        (byte)'F' => 2,
        (byte)'E' => 3,
        (byte)'C' => 4,
        (byte)'X' => 5,
        (byte)'D' => 6,
        (byte)'U' => 7,
        (byte)'P' => 8,
        (byte)'B' => 9,
        _ => 0,
    };

    // §1: every message starts Message Type(1) Stock Locate(2) Tracking Number(2) Timestamp(6).
    private static readonly Field[] Header = [new(44, 0, 1), new(40, 1, 2), new(42, 3, 2), new(16, 5, 6)];

    /// <summary>The fields of <paramref name="cls"/> beyond the common header.</summary>
    internal static Field[] FieldsOf(int cls) => cls switch
    {
        // §1.3.1 Add Order: Order Reference Number @11(8), Buy/Sell @19, Shares @20(4), Stock @24(8), Price @32(4).
        1 => [.. Header, new(0, 11, 8), new(45, 19, 1), new(24, 20, 4), new(32, 24, 8), new(28, 32, 4)],
        // §1.3.2 Add Order with MPID: as A, plus Attribution @36(4).
        2 => [.. Header, new(0, 11, 8), new(45, 19, 1), new(24, 20, 4), new(32, 24, 8), new(28, 32, 4), new(48, 36, 4)],
        // §1.4.1 Order Executed: Order Reference @11(8), Executed Shares @19(4), Match Number @23(8).
        3 => [.. Header, new(0, 11, 8), new(24, 19, 4), new(8, 23, 8)],
        // §1.4.2 Order Executed With Price: as E, plus Printable @31, Execution Price @32(4).
        4 => [.. Header, new(0, 11, 8), new(24, 19, 4), new(8, 23, 8), new(46, 31, 1), new(28, 32, 4)],
        // §1.4.3 Order Cancel: Order Reference @11(8), Cancelled Shares @19(4).
        5 => [.. Header, new(0, 11, 8), new(24, 19, 4)],
        // §1.4.4 Order Delete: Order Reference @11(8).
        6 => [.. Header, new(0, 11, 8)],
        // §1.4.5 Order Replace: Original Reference @11(8), New Reference @19(8), Shares @27(4), Price @31(4).
        7 => [.. Header, new(0, 11, 8), new(8, 19, 8), new(24, 27, 4), new(28, 31, 4)],
        // §1.5.1 Trade (non-cross): Order Reference @11(8), Buy/Sell @19, Shares @20(4), Stock @24(8), Price @32(4), Match Number @36(8).
        8 => [.. Header, new(0, 11, 8), new(45, 19, 1), new(24, 20, 4), new(32, 24, 8), new(28, 32, 4), new(8, 36, 8)],
        // §1.5.3 Broken Trade: Match Number @11(8).
        9 => [.. Header, new(8, 11, 8)],
        _ => Header,
    };
}
