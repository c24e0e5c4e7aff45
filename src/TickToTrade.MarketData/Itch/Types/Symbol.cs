using System.Text;

namespace TickToTrade.MarketData.Itch;

/// <summary>
/// An 8-byte ITCH Alpha stock symbol, left-justified and space-padded (§1 "Data
/// Types"), held as one big-endian ulong so symbols compare and hash as integers.
/// </summary>
public readonly record struct Symbol(ulong Value)
{
    public const int Length = 8;

    /// <summary>Pads <paramref name="text"/> (ASCII, at most 8 characters) with spaces.</summary>
    public static Symbol FromString(string text)
    {
        if (text.Length > Length)
            throw new ArgumentException($"symbol \"{text}\" is longer than {Length} characters", nameof(text));
        ulong v = 0;
        for (int i = 0; i < Length; i++)
            v = (v << 8) | (i < text.Length ? (byte)text[i] : (byte)' ');
        return new Symbol(v);
    }

    /// <summary>The symbol without its padding.</summary>
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b, Value);
        return Encoding.ASCII.GetString(b).TrimEnd(' ', '\0');
    }
}
