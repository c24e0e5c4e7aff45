using System.Runtime.InteropServices;

namespace TickToTrade.Book;

/// <summary>A resting order in the order store: 24 bytes, so a cache line holds more than two.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrderSlot
{
    /// <summary>The ITCH order reference number; 0 marks an empty slot (ITCH never uses reference 0 for a resting order).</summary>
    public ulong Reference;
    public uint Shares;
    public uint Price;
    public ushort Locate;
    public Side Side;
    private byte _pad;
    private uint _pad2;
}
