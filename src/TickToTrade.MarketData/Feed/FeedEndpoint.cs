using TickToTrade.Wire.Ipv4;

namespace TickToTrade.MarketData.Feed;

/// <summary>A destination the feed arrives on: a multicast group (or our unicast address) and a UDP port.</summary>
public readonly record struct FeedEndpoint(Ipv4Address Address, ushort Port)
{
    /// <summary>"233.54.12.111:26477".</summary>
    public static FeedEndpoint Parse(string text)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !Ipv4Address.TryParse(text[..colon], out Ipv4Address a) || !ushort.TryParse(text[(colon + 1)..], out ushort p))
            throw new FormatException($"\"{text}\" is not an endpoint of the form 233.54.12.111:26477");
        return new FeedEndpoint(a, p);
    }

    public override string ToString() => $"{Address}:{Port}";
}
