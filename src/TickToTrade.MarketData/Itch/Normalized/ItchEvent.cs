using System.Runtime.InteropServices;

namespace TickToTrade.MarketData.Itch.Normalized;

/// <summary>
/// One ITCH message spread into fixed, host-order fields: one cache line, filled
/// by <see cref="ItchNormalizer"/> with a per-type byte shuffle instead of a
/// branch per type. A field the message's type does not carry is zero.
/// <list type="table">
/// <item><term>all types</term><description>Type, StockLocate, TrackingNumber, Timestamp (ITCH 5.0 §1, the common header)</description></item>
/// <item><term>A, F</term><description>OrderReference, Side, Shares, Stock, Price; F also Attribution (§1.3.1, §1.3.2)</description></item>
/// <item><term>E</term><description>OrderReference, Shares (executed), Aux = match number (§1.4.1)</description></item>
/// <item><term>C</term><description>OrderReference, Shares (executed), Aux = match number, Printable, Price = execution price (§1.4.2)</description></item>
/// <item><term>X</term><description>OrderReference, Shares (cancelled) (§1.4.3)</description></item>
/// <item><term>D</term><description>OrderReference (§1.4.4)</description></item>
/// <item><term>U</term><description>OrderReference = original, Aux = new reference, Shares, Price (§1.4.5)</description></item>
/// <item><term>P</term><description>OrderReference, Side, Shares, Stock, Price, Aux = match number (§1.5.1)</description></item>
/// <item><term>B</term><description>Aux = match number (§1.5.3)</description></item>
/// </list>
/// Other types carry the common header only: read them through their view
/// (<see cref="ItchDispatcher"/>).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = Size)]
public struct ItchEvent
{
    public const int Size = 64;

    [FieldOffset(0)] public ulong OrderReference;
    /// <summary>The new order reference (U) or the match number (E, C, P, B).</summary>
    [FieldOffset(8)] public ulong Aux;
    /// <summary>Nanoseconds since midnight (48 bits on the wire).</summary>
    [FieldOffset(16)] public ulong Timestamp;
    [FieldOffset(24)] public uint Shares;
    /// <summary>Price in 1/10000 dollar (Price(4)).</summary>
    [FieldOffset(28)] public uint Price;
    /// <summary>The stock symbol as <see cref="Symbol.Value"/> holds it.</summary>
    [FieldOffset(32)] public ulong Stock;
    [FieldOffset(40)] public ushort StockLocate;
    [FieldOffset(42)] public ushort TrackingNumber;
    [FieldOffset(44)] public byte Type;
    /// <summary>'B' or 'S' (A, F, P).</summary>
    [FieldOffset(45)] public byte Side;
    /// <summary>'Y' or 'N' (C).</summary>
    [FieldOffset(46)] public byte Printable;
    /// <summary>The MPID as <see cref="Alpha4.Value"/> holds it (F).</summary>
    [FieldOffset(48)] public uint Attribution;
}
