using TickToTrade.MarketData.Feed;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.MarketData.Tests.Feed;

public sealed class FeedFilterTests
{
    private static readonly Ipv4Address Publisher = Ipv4Address.Parse("198.51.100.10");
    private static readonly Ipv4Address GroupA = Ipv4Address.Parse("233.54.12.111");

    [Fact]
    public void Endpoints_SelectGroupAndPort()
    {
        var f = new FeedFilter([new FeedEndpoint(GroupA, 26477)]);
        Assert.True(f.Accepts(Publisher, GroupA, 26477, default));
        Assert.False(f.Accepts(Publisher, GroupA, 26478, default));
        Assert.False(f.Accepts(Publisher, Ipv4Address.Parse("233.54.12.112"), 26477, default));
        Assert.True(FeedFilter.Any.Accepts(Publisher, Ipv4Address.Parse("198.51.100.99"), 1, default));
    }

    [Fact]
    public void Source_IsMatchedWhenGiven()
    {
        var f = new FeedFilter(source: Publisher);
        Assert.True(f.Accepts(Publisher, GroupA, 1, default));
        Assert.False(f.Accepts(Ipv4Address.Parse("198.51.100.11"), GroupA, 1, default));
    }

    [Fact]
    public void Pattern_AtOffset_MustMatch_AndFit()
    {
        // e.g. a MoldUDP64 session name in the first 10 bytes of the payload.
        var f = new FeedFilter(patternOffset: 0, pattern: "000010059B"u8.ToArray());
        Assert.True(f.Accepts(Publisher, GroupA, 1, "000010059B\0\0\0\0"u8));
        Assert.False(f.Accepts(Publisher, GroupA, 1, "000010059C\0\0\0\0"u8));
        Assert.False(f.Accepts(Publisher, GroupA, 1, "000010059"u8)); // too short to hold the pattern
        var at2 = new FeedFilter(patternOffset: 2, pattern: [0xAB]);
        Assert.True(at2.Accepts(Publisher, GroupA, 1, [0, 0, 0xAB]));
        Assert.False(at2.Accepts(Publisher, GroupA, 1, [0, 0xAB, 0]));
    }

    [Fact]
    public void Limits_AreClearErrors()
    {
        Assert.Contains("at most 8 endpoints", Assert.Throws<ArgumentException>(() => new FeedFilter([.. Enumerable.Repeat(new FeedEndpoint(GroupA, 1), 9)])).Message);
        Assert.Contains("at most 16 bytes", Assert.Throws<ArgumentException>(() => new FeedFilter(pattern: new byte[17])).Message);
        Assert.Contains("233.54.12.111:26477", Assert.Throws<FormatException>(() => FeedEndpoint.Parse("233.54.12.111")).Message);
    }
}
