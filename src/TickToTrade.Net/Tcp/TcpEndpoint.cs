using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Tcp;

/// <summary>An IPv4 address and TCP port.</summary>
public readonly record struct TcpEndpoint(Ipv4Address Address, ushort Port)
{
    public static bool TryParse(string text, out TcpEndpoint endpoint)
    {
        endpoint = default;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !Ipv4Address.TryParse(text[..colon], out Ipv4Address a)
            || !ushort.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out ushort port) || port == 0)
            return false;
        endpoint = new TcpEndpoint(a, port);
        return true;
    }

    public override string ToString() => $"{Address}:{Port}";
}
