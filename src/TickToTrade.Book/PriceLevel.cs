using System.Runtime.InteropServices;

namespace TickToTrade.Book;

/// <summary>One price level: its price (ITCH Price (4) units), the shares resting there and how many orders.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct PriceLevel
{
    public uint Price;
    public uint Orders;
    public ulong Shares;
}
