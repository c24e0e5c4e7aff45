using System.Text;

namespace TickToTrade.MarketData.Itch;

/// <summary>A 4-byte ITCH Alpha field (MPID, attribution, halt reason) as one big-endian uint.</summary>
public readonly record struct Alpha4(uint Value)
{
    public static Alpha4 FromString(string text)
    {
        uint v = 0;
        for (int i = 0; i < 4; i++)
            v = (v << 8) | (i < text.Length ? (byte)text[i] : (byte)' ');
        return new Alpha4(v);
    }

    public override string ToString() =>
        Encoding.ASCII.GetString([(byte)(Value >> 24), (byte)(Value >> 16), (byte)(Value >> 8), (byte)Value]).TrimEnd(' ', '\0');
}
