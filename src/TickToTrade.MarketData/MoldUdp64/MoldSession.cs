using System.Text;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.MoldUdp64;

/// <summary>
/// The 10-byte MoldUDP64 session name (Downstream Packet header, "Session"),
/// held as two integers so that comparing sessions costs two compares.
/// </summary>
public readonly record struct MoldSession(ulong High, ushort Low)
{
    public const int Length = 10;

    public static MoldSession Read(ReadOnlySpan<byte> s, int offset) =>
        new(BigEndian.U64(s, offset), BigEndian.U16(s, offset + 8));

    public void Write(Span<byte> s, int offset)
    {
        BigEndian.WriteU64(s, offset, High);
        BigEndian.WriteU16(s, offset + 8, Low);
    }

    /// <summary>From text of at most 10 ASCII characters, right-padded with spaces.</summary>
    public static MoldSession FromString(string text)
    {
        if (text.Length > Length)
            throw new ArgumentException($"a MoldUDP64 session has at most {Length} characters, not \"{text}\"", nameof(text));
        Span<byte> b = stackalloc byte[Length];
        b.Fill((byte)' ');
        Encoding.ASCII.GetBytes(text, b);
        return Read(b, 0);
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[Length];
        Write(b, 0);
        return Encoding.ASCII.GetString(b).TrimEnd(' ', '\0');
    }
}
