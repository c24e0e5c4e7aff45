namespace TickToTrade.MarketData.Generation;

/// <summary>An order the generator has added and not yet removed: enough to keep the stream a valid book.</summary>
public struct LiveOrder
{
    public ulong Reference;
    public uint Shares;
    public uint Price;
    public byte Side;
}
