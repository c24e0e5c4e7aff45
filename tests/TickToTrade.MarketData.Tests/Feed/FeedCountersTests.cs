using System.Reflection;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Tests.Feed;

public sealed class FeedCountersTests
{
    [Fact]
    public void Add_SumsEveryCounter_AndToPairsListsEveryOne()
    {
        FieldInfo[] fields = typeof(FeedCounters).GetFields(BindingFlags.Public | BindingFlags.Instance);
        object a = new FeedCounters(), b = new FeedCounters();
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i].SetValue(a, (long)(i + 1));
            fields[i].SetValue(b, (long)(100 * (i + 1)));
        }
        var total = (FeedCounters)a;
        total.Add((FeedCounters)b);
        object boxed = total;
        for (int i = 0; i < fields.Length; i++)
            Assert.Equal((long)(101 * (i + 1)), (long)fields[i].GetValue(boxed)!);
        Assert.Equal(fields.Length, total.ToPairs().Length);
    }

    [Fact]
    public void Count_SortsEachDispatchOutcome()
    {
        var c = new FeedCounters();
        c.Count(ItchStatus.Ok);
        c.Count(ItchStatus.Empty);
        c.Count(ItchStatus.UnknownType);
        c.Count(ItchStatus.WrongLength);
        Assert.Equal((1, 1, 1, 1), (c.AppliedMessages, c.ItchEmpty, c.ItchUnknownType, c.ItchWrongLength));
        Assert.Equal(3, c.Malformed);
    }
}
