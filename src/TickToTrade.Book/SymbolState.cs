using System.Runtime.InteropServices;

namespace TickToTrade.Book;

/// <summary>Everything but the levels that the book knows about one stock locate.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct SymbolState
{
    /// <summary>The stock symbol from the Stock Directory (R), as packed ASCII; 0 before it arrives.</summary>
    public ulong Stock;
    public uint RoundLotSize;
    /// <summary>§1.2.2 Trading State: H halted, P paused, Q quotation only, T trading; 0 before any H.</summary>
    public byte TradingState;
    /// <summary>§1.2.8 Operational Halt Action on Nasdaq: H halted, T lifted; 0 if none.</summary>
    public byte OperationalHalt;
    /// <summary>§1.2.3 Reg SHO action: '0' no test, '1' and '2' restricted; 0 if none.</summary>
    public byte RegShoAction;
    /// <summary>Capacity ran out for this symbol: its book is incomplete and must not be traded.</summary>
    public bool Degraded;
    public uint LastTradePrice;
    public uint LuldUpperPrice;
    public uint LuldLowerPrice;
    public uint IpoPrice;
    public ulong LastTradeShares;
    public ulong LastMatchNumber;
    public ulong LastTradeTimestamp;
    /// <summary>Net order imbalance (§1.6): shares and direction of the last NOII.</summary>
    public ulong ImbalanceShares;
    public byte ImbalanceDirection;
    /// <summary>§1.2.4 Market Participant Position: the MPID (packed ASCII) of the active Primary Market Maker in the issue; 0 if none.</summary>
    public uint PrimaryMarketMaker;
}
