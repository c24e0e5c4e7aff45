using System.Globalization;

namespace TickToTrade.Wire.Ipv4;

/// <summary>An IPv4 address as a host-order uint (first octet most significant).</summary>
public readonly record struct Ipv4Address(uint Value)
{
    public const int Length = 4;

    public bool IsMulticast => (Value >> 28) == 0xE; // 224.0.0.0/4, RFC 5771

    public static Ipv4Address Read(ReadOnlySpan<byte> s, int offset) => new(BigEndian.U32(s, offset));

    public void Write(Span<byte> s, int offset) => BigEndian.WriteU32(s, offset, Value);

    public static Ipv4Address Parse(string text) =>
        TryParse(text, out Ipv4Address a) ? a : throw new FormatException($"\"{text}\" is not an IPv4 address");

    public static bool TryParse(string text, out Ipv4Address address)
    {
        address = default;
        string[] parts = text.Split('.');
        if (parts.Length != 4)
            return false;
        uint v = 0;
        foreach (string p in parts)
        {
            if (p.Length is 0 or > 3 || !byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out byte b))
                return false;
            v = (v << 8) | b;
        }
        address = new Ipv4Address(v);
        return true;
    }

    public override string ToString() => $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}";
}
