namespace TickToTrade.PacketIO.Memory;

/// <summary>Everything a <see cref="MemoryPortPair"/> owns, in one native block.</summary>
internal struct MemoryPortState
{
    public BufferPool Pool;
    public FrameRing ToA;
    public FrameRing ToB;
    public PortCounters CountersA;
    public PortCounters CountersB;
}
