using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Itch.Messages;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.MarketData.Tests.Support;

namespace TickToTrade.MarketData.Tests.Itch;

/// <summary>
/// The first message of each single-type capture, every field. Expected values
/// come from decoding the captured bytes by the spec's offsets with an
/// independent script, not from this code. The 2023-08-22.* captures are
/// anonymised (addresses, ports and checksums zeroed), so checksums are not verified for them.
/// </summary>
public sealed class SingleMessageCaptureTests
{
    private static byte[] FirstMessage(string file, out ulong sequence)
    {
        byte[] frame = CaptureFrames.Read(Fixtures.Itch50(file))[0];
        var c = new FeedCounters();
        Assert.True(FeedDecoder.TryDecode(frame, new FeedFilter(verifyChecksums: false), ref c, out ReadOnlySpan<byte> payload));
        Assert.True(MoldPacket.TryCreate(payload, out MoldPacket mold));
        sequence = mold.SequenceNumber;
        MoldMessageReader r = mold.GetMessages();
        Assert.True(r.TryRead(out ReadOnlySpan<byte> m));
        return m.ToArray();
    }

    [Fact]
    public void AddOrderNoMpid()
    {
        byte[] m = FirstMessage("AddOrderNoMpidAttributionMessage.pcap", out ulong seq);
        Assert.Equal(14757721UL, seq);
        Assert.True(AddOrderMessage.TryCreate(m, out AddOrderMessage a));
        Assert.Equal((5528, (ushort)0, 34199999894278UL, 23508286UL, (byte)'B', 1600u, "IVOO", 873900u),
            (a.StockLocate.Value, a.TrackingNumber, a.Timestamp, a.OrderReference.Value, a.Side, a.Shares, a.Stock.ToString(), a.Price.Value));
        Assert.Equal("87.3900", a.Price.ToString());
    }

    [Fact]
    public void AddOrderWithMpid()
    {
        byte[] m = FirstMessage("2023-08-22.AddOrderWithMPID.pcap", out _);
        Assert.True(AddOrderWithMpidMessage.TryCreate(m, out AddOrderWithMpidMessage f));
        Assert.Equal((1738, (ushort)0, 34199999977782UL, 18923125UL, (byte)'S', 100u, "CASY", 2555200u, "FLTU"),
            (f.StockLocate.Value, f.TrackingNumber, f.Timestamp, f.OrderReference.Value, f.Side, f.Shares, f.Stock.ToString(), f.Price.Value, f.Attribution.ToString()));
    }

    [Fact]
    public void CrossTrade()
    {
        byte[] m = FirstMessage("2023-08-22.CrossTrade.pcap", out _);
        Assert.True(CrossTradeMessage.TryCreate(m, out CrossTradeMessage q));
        Assert.Equal((983, (ushort)1, 34200000483331UL, 0UL, "BAC-Q", 0u, 255550UL, (byte)'O'),
            (q.StockLocate.Value, q.TrackingNumber, q.Timestamp, q.Shares, q.Stock.ToString(), q.CrossPrice.Value, q.MatchNumber.Value, q.CrossType));
    }

    [Fact]
    public void LuldAuctionCollar()
    {
        byte[] m = FirstMessage("2023-08-22.LULDAuctionCollar.pcap", out _);
        Assert.True(LuldAuctionCollarMessage.TryCreate(m, out LuldAuctionCollarMessage j));
        Assert.Equal((11325, (ushort)0, 34215592415125UL, "ZXZZT", 133400u, 140100u, 109200u, 0u),
            (j.StockLocate.Value, j.TrackingNumber, j.Timestamp, j.Stock.ToString(), j.AuctionCollarReferencePrice.Value,
             j.UpperAuctionCollarPrice.Value, j.LowerAuctionCollarPrice.Value, j.AuctionCollarExtension));
    }

    [Fact]
    public void MarketParticipantPosition()
    {
        byte[] m = FirstMessage("MarketParticipantPositionMessage.pcap", out ulong seq);
        Assert.Equal(17861990UL, seq);
        Assert.True(MarketParticipantPositionMessage.TryCreate(m, out MarketParticipantPositionMessage l));
        Assert.Equal((3731, (ushort)0, 34224494802989UL, "MAXM", "FGMC", (byte)'Y', (byte)'N', (byte)'A'),
            (l.StockLocate.Value, l.TrackingNumber, l.Timestamp, l.Mpid.ToString(), l.Stock.ToString(), l.PrimaryMarketMaker, l.MarketMakerMode, l.MarketParticipantState));
    }

    [Fact]
    public void NetOrderImbalance()
    {
        byte[] m = FirstMessage("NetOrderImbalanceIndicatorMessage.pcap", out _);
        Assert.True(NetOrderImbalanceMessage.TryCreate(m, out NetOrderImbalanceMessage i));
        Assert.Equal((6462, (ushort)0, 34200000268978UL, 1UL, 0UL, (byte)'N', "MDC"),
            (i.StockLocate.Value, i.TrackingNumber, i.Timestamp, i.PairedShares, i.ImbalanceShares, i.ImbalanceDirection, i.Stock.ToString()));
        Assert.Equal((464400u, 464400u, 464400u, (byte)'O', (byte)'L'),
            (i.FarPrice.Value, i.NearPrice.Value, i.CurrentReferencePrice.Value, i.CrossType, i.PriceVariationIndicator));
    }

    [Fact]
    public void NonCrossTrade()
    {
        byte[] m = FirstMessage("2023-08-22.NonCrossTrade.pcap", out _);
        Assert.True(TradeMessage.TryCreate(m, out TradeMessage p));
        Assert.Equal((4499, (ushort)2, 34200000684713UL, 0UL, (byte)'B', 100u, "GOOGL", 1284600u, 255554UL),
            (p.StockLocate.Value, p.TrackingNumber, p.Timestamp, p.OrderReference.Value, p.Side, p.Shares, p.Stock.ToString(), p.Price.Value, p.MatchNumber.Value));
    }

    [Fact]
    public void OrderCancel()
    {
        byte[] m = FirstMessage("2023-08-22.OrderCancel.pcap", out _);
        Assert.True(OrderCancelMessage.TryCreate(m, out OrderCancelMessage x));
        Assert.Equal((9413, (ushort)0, 34200002394205UL, 33823232UL, 100u),
            (x.StockLocate.Value, x.TrackingNumber, x.Timestamp, x.OrderReference.Value, x.CancelledShares));
    }

    [Fact]
    public void OrderDelete()
    {
        byte[] m = FirstMessage("OrderDeleteMessage.pcap", out ulong seq);
        Assert.Equal(14757722UL, seq);
        Assert.True(OrderDeleteMessage.TryCreate(m, out OrderDeleteMessage d));
        Assert.Equal((3517, (ushort)0, 34199999896280UL, 23497686UL), (d.StockLocate.Value, d.TrackingNumber, d.Timestamp, d.OrderReference.Value));
    }

    [Fact]
    public void OrderExecuted()
    {
        byte[] m = FirstMessage("OrderExecutedMessage.pcap", out ulong seq);
        Assert.Equal(14757745UL, seq);
        Assert.True(OrderExecutedMessage.TryCreate(m, out OrderExecutedMessage e));
        Assert.Equal((2345, (ushort)2, 34199999934561UL, 23499418UL, 25u, 255547UL),
            (e.StockLocate.Value, e.TrackingNumber, e.Timestamp, e.OrderReference.Value, e.ExecutedShares, e.MatchNumber.Value));
    }

    [Fact]
    public void OrderExecutedWithPrice()
    {
        byte[] m = FirstMessage("2023-08-22.OrderExecutedWithPrice.pcap", out _);
        Assert.True(OrderExecutedWithPriceMessage.TryCreate(m, out OrderExecutedWithPriceMessage c));
        Assert.Equal((5092, (ushort)1, 34200001163323UL, 19993566UL, 4926u, 255581UL, (byte)'N', 224800u),
            (c.StockLocate.Value, c.TrackingNumber, c.Timestamp, c.OrderReference.Value, c.ExecutedShares, c.MatchNumber.Value, c.Printable, c.ExecutionPrice.Value));
    }

    [Fact]
    public void OrderReplace()
    {
        byte[] m = FirstMessage("OrderReplaceMessage.pcap", out ulong seq);
        Assert.Equal(14757701UL, seq);
        Assert.True(OrderReplaceMessage.TryCreate(m, out OrderReplaceMessage u));
        Assert.Equal((7603, (ushort)0, 34199999836649UL, 15108479UL, 21361351UL, 100u, 1062600u),
            (u.StockLocate.Value, u.TrackingNumber, u.Timestamp, u.OriginalOrderReference.Value, u.NewOrderReference.Value, u.Shares, u.Price.Value));
    }

    [Fact]
    public void RegShoRestriction()
    {
        byte[] m = FirstMessage("2023-08-22.RegSHORestriction.pcap", out _);
        Assert.True(RegShoRestrictionMessage.TryCreate(m, out RegShoRestrictionMessage y));
        Assert.Equal((9405, (ushort)0, 34200116533431UL, "SOPA", (byte)'1'),
            (y.StockLocate.Value, y.TrackingNumber, y.Timestamp, y.Stock.ToString(), y.RegShoAction));
    }

    [Fact]
    public void StockTradingAction()
    {
        byte[] m = FirstMessage("StockTradingActionMessage.pcap", out ulong seq);
        Assert.Equal(34147961UL, seq);
        Assert.True(StockTradingActionMessage.TryCreate(m, out StockTradingActionMessage h));
        Assert.Equal((464, (ushort)0, 34763322465824UL, "AMC", (byte)'T', (byte)' ', ""),
            (h.StockLocate.Value, h.TrackingNumber, h.Timestamp, h.Stock.ToString(), h.TradingState, h.Reserved, h.Reason.ToString()));
        byte[] paused = FirstMessage("2023-08-22.StockTradingAction.pcap", out _);
        Assert.True(StockTradingActionMessage.TryCreate(paused, out StockTradingActionMessage p));
        Assert.Equal(("ZXZZT", (byte)'P', "LUDP"), (p.Stock.ToString(), p.TradingState, p.Reason.ToString()));
    }

    [Fact]
    public void SystemEvent()
    {
        byte[] m = FirstMessage("2023-08-22.SystemEvent.pcap", out _);
        Assert.True(SystemEventMessage.TryCreate(m, out SystemEventMessage s));
        Assert.Equal((0, (ushort)0, 34200000070384UL, (byte)'Q'), (s.StockLocate.Value, s.TrackingNumber, s.Timestamp, s.EventCode));
    }

    [Fact]
    public void AnonymisedCaptures_AreDroppedAsBadChecksums_WhenVerifying()
    {
        byte[] frame = CaptureFrames.Read(Fixtures.Itch50("2023-08-22.OrderDelete.pcap"))[0];
        var c = new FeedCounters();
        Assert.False(FeedDecoder.TryDecode(frame, FeedFilter.Any, ref c, out _));
        Assert.Equal(1, c.Ipv4BadChecksum);
    }
}
