using CsCheck;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.MarketData.Tests.Itch;

/// <summary>Parse → emit → the same bytes, for every ITCH 5.0 message type (property test).</summary>
public sealed class RoundTripTests
{
    private static void RoundTrip<TRepr>() where TRepr : struct, IItchRepr<TRepr>
    {
        Assert.Equal(TRepr.Length, ItchMessageLengths.Of(TRepr.Type));
        Gen.Byte.Array[TRepr.Length].Sample(bytes =>
        {
            bytes[0] = TRepr.Type;
            if (!TRepr.TryParse(bytes, out TRepr repr))
                return false;
            var emitted = new byte[TRepr.Length];
            repr.Emit(emitted);
            return emitted.AsSpan().SequenceEqual(bytes);
        }, iter: 2000);
        // The wrong type or any other length is refused.
        var message = new byte[TRepr.Length + 1];
        message[0] = TRepr.Type;
        Assert.False(TRepr.TryParse(message, out _));
        Assert.False(TRepr.TryParse(message.AsSpan(0, TRepr.Length - 1), out _));
        message[0] = (byte)'?';
        Assert.False(TRepr.TryParse(message.AsSpan(0, TRepr.Length), out _));
    }

    [Fact] public void SystemEvent() => RoundTrip<SystemEventRepr>();
    [Fact] public void StockDirectory() => RoundTrip<StockDirectoryRepr>();
    [Fact] public void StockTradingAction() => RoundTrip<StockTradingActionRepr>();
    [Fact] public void RegShoRestriction() => RoundTrip<RegShoRestrictionRepr>();
    [Fact] public void MarketParticipantPosition() => RoundTrip<MarketParticipantPositionRepr>();
    [Fact] public void MwcbDeclineLevel() => RoundTrip<MwcbDeclineLevelRepr>();
    [Fact] public void MwcbStatus() => RoundTrip<MwcbStatusRepr>();
    [Fact] public void IpoQuotingPeriodUpdate() => RoundTrip<IpoQuotingPeriodUpdateRepr>();
    [Fact] public void LuldAuctionCollar() => RoundTrip<LuldAuctionCollarRepr>();
    [Fact] public void OperationalHalt() => RoundTrip<OperationalHaltRepr>();
    [Fact] public void AddOrder() => RoundTrip<AddOrderRepr>();
    [Fact] public void AddOrderWithMpid() => RoundTrip<AddOrderWithMpidRepr>();
    [Fact] public void OrderExecuted() => RoundTrip<OrderExecutedRepr>();
    [Fact] public void OrderExecutedWithPrice() => RoundTrip<OrderExecutedWithPriceRepr>();
    [Fact] public void OrderCancel() => RoundTrip<OrderCancelRepr>();
    [Fact] public void OrderDelete() => RoundTrip<OrderDeleteRepr>();
    [Fact] public void OrderReplace() => RoundTrip<OrderReplaceRepr>();
    [Fact] public void Trade() => RoundTrip<TradeRepr>();
    [Fact] public void CrossTrade() => RoundTrip<CrossTradeRepr>();
    [Fact] public void BrokenTrade() => RoundTrip<BrokenTradeRepr>();
    [Fact] public void NetOrderImbalance() => RoundTrip<NetOrderImbalanceRepr>();
    [Fact] public void RetailPriceImprovement() => RoundTrip<RetailPriceImprovementRepr>();
    [Fact] public void DirectListingCapitalRaise() => RoundTrip<DirectListingCapitalRaiseRepr>();

    [Fact]
    public void TheLengthTable_CoversExactlyTheSpecsTypes()
    {
        Assert.Equal("SRHYLVWKJhAFECXDUPQBINO", System.Text.Encoding.ASCII.GetString(ItchMessageLengths.Types));
        int known = 0;
        for (int t = 0; t < 256; t++)
            known += ItchMessageLengths.Of((byte)t) != 0 ? 1 : 0;
        Assert.Equal(23, known);
    }

    [Fact]
    public void Timestamp_Is48BitBigEndian()
    {
        var repr = new OrderDeleteRepr(new StockLocate(0x0102), 0x0304, 0x0000_A1B2_C3D4_E5F6, new OrderRef(0x1122334455667788));
        var bytes = new byte[OrderDeleteRepr.Length];
        repr.Emit(bytes);
        Assert.Equal(new byte[] { (byte)'D', 1, 2, 3, 4, 0xA1, 0xB2, 0xC3, 0xD4, 0xE5, 0xF6, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 }, bytes);
    }
}
