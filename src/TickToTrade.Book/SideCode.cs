using System.Runtime.CompilerServices;

namespace TickToTrade.Book;

/// <summary>The ITCH 5.0 Buy/Sell Indicator (§1.3.1): 'B' buy order, 'S' sell order; any other byte is no side.</summary>
public static class SideCode
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(byte code, out Side side)
    {
        side = code == (byte)'S' ? Side.Ask : Side.Bid;
        return code is (byte)'B' or (byte)'S';
    }
}
