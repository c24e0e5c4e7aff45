using System.Text;

namespace TickToTrade.MarketData.Itch;

/// <summary>A 2-byte ITCH Alpha field (the Stock Directory's Issue Sub-Type) as one big-endian ushort.</summary>
public readonly record struct Alpha2(ushort Value)
{
    public override string ToString() => Encoding.ASCII.GetString([(byte)(Value >> 8), (byte)Value]).TrimEnd(' ', '\0');
}
