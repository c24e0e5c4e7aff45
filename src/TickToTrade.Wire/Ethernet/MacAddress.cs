using System.Globalization;

namespace TickToTrade.Wire.Ethernet;

/// <summary>A 48-bit MAC address held in the low 48 bits of a ulong, first octet most significant.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public const int Length = 6;
    public static readonly MacAddress Broadcast = new(0xFFFF_FFFF_FFFF);

    public static MacAddress Read(ReadOnlySpan<byte> s, int offset) => new(BigEndian.Packed(s, offset, Length));

    public void Write(Span<byte> s, int offset) => BigEndian.WritePacked(s, offset, Length, Value);

    /// <summary>Group bit (IEEE 802: least significant bit of the first octet), set for multicast and broadcast.</summary>
    public bool IsMulticast => ((Value >> 40) & 1) != 0;

    /// <summary>The multicast MAC of an IPv4 group (RFC 1112 §6.4): 01:00:5e + the low 23 bits of the group.</summary>
    public static MacAddress ForIpv4Multicast(uint group) => new(0x0100_5E00_0000UL | (group & 0x7F_FFFF));

    public static bool TryParse(string text, out MacAddress mac)
    {
        mac = default;
        string[] parts = text.Split(':');
        if (parts.Length != Length)
            return false;
        ulong v = 0;
        foreach (string p in parts)
        {
            if (p.Length != 2 || !byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b))
                return false;
            v = (v << 8) | b;
        }
        mac = new MacAddress(v);
        return true;
    }

    public override string ToString()
    {
        Span<char> text = stackalloc char[17];
        const string hex = "0123456789abcdef";
        for (int i = 0; i < Length; i++)
        {
            byte b = (byte)(Value >> (40 - 8 * i));
            text[i * 3] = hex[b >> 4];
            text[i * 3 + 1] = hex[b & 0xF];
            if (i < Length - 1)
                text[i * 3 + 2] = ':';
        }
        return new string(text);
    }
}
