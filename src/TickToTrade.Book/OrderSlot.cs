using System.Runtime.InteropServices;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book;

/// <summary>
/// A resting order as one value, read out of the order store (which keeps it by
/// field: see <see cref="OrderStore"/>). The reference is the full 64-bit ITCH
/// Order Reference Number (§1.3): every value from 0 to 2^64 − 1 is stored exactly.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrderSlot
{
    public ulong Reference;
    public uint Shares;
    public uint Price;
    public ushort Locate;
    public Side Side;

    public readonly OrderRef Ref => new(Reference);
}
