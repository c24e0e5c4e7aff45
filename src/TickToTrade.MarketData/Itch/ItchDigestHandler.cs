using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch.Messages;

namespace TickToTrade.MarketData.Itch;

/// <summary>
/// Reads the fields that matter from every message and folds them into one
/// number: the "parse-only" work of the throughput bench and the allocation
/// test, with nothing the optimiser can drop.
/// </summary>
public struct ItchDigestHandler : IItchHandler, IPrefetcher
{
    /// <summary>Nothing to fetch: the digest keeps no tables.</summary>
    public static bool Prefetches => false;

    public readonly void Prefetch(ReadOnlySpan<byte> ahead)
    {
    }

    public ulong Digest;
    public long Messages;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Fold(ulong v)
    {
        Digest = (Digest ^ v) * 0x100000001B3UL;
        Messages++;
    }

    public void OnSystemEvent(SystemEventMessage m) => Fold(m.Timestamp ^ m.EventCode);
    public void OnStockDirectory(StockDirectoryMessage m) => Fold(m.Stock.Value ^ m.StockLocate.Value ^ m.RoundLotSize);
    public void OnStockTradingAction(StockTradingActionMessage m) => Fold(m.Stock.Value ^ m.TradingState);
    public void OnRegShoRestriction(RegShoRestrictionMessage m) => Fold(m.Stock.Value ^ m.RegShoAction);
    public void OnMarketParticipantPosition(MarketParticipantPositionMessage m) => Fold(m.Mpid.Value ^ m.Stock.Value);
    public void OnMwcbDeclineLevel(MwcbDeclineLevelMessage m) => Fold(m.Level1.Value ^ m.Level2.Value ^ m.Level3.Value);
    public void OnMwcbStatus(MwcbStatusMessage m) => Fold(m.BreachedLevel);
    public void OnIpoQuotingPeriodUpdate(IpoQuotingPeriodUpdateMessage m) => Fold(m.Stock.Value ^ m.IpoPrice.Value);
    public void OnLuldAuctionCollar(LuldAuctionCollarMessage m) => Fold(m.UpperAuctionCollarPrice.Value ^ m.LowerAuctionCollarPrice.Value);
    public void OnOperationalHalt(OperationalHaltMessage m) => Fold(m.Stock.Value ^ m.OperationalHaltAction);
    public void OnAddOrder(AddOrderMessage m) => Fold(m.OrderReference.Value ^ m.Shares ^ ((ulong)m.Price.Value << 32) ^ m.Side ^ m.StockLocate.Value ^ m.Timestamp);
    public void OnAddOrderWithMpid(AddOrderWithMpidMessage m) => Fold(m.OrderReference.Value ^ m.Shares ^ ((ulong)m.Price.Value << 32) ^ m.Side ^ m.Attribution.Value);
    public void OnOrderExecuted(OrderExecutedMessage m) => Fold(m.OrderReference.Value ^ m.ExecutedShares ^ m.MatchNumber.Value);
    public void OnOrderExecutedWithPrice(OrderExecutedWithPriceMessage m) => Fold(m.OrderReference.Value ^ m.ExecutedShares ^ m.ExecutionPrice.Value);
    public void OnOrderCancel(OrderCancelMessage m) => Fold(m.OrderReference.Value ^ m.CancelledShares);
    public void OnOrderDelete(OrderDeleteMessage m) => Fold(m.OrderReference.Value ^ m.StockLocate.Value);
    public void OnOrderReplace(OrderReplaceMessage m) => Fold(m.OriginalOrderReference.Value ^ m.NewOrderReference.Value ^ m.Shares ^ m.Price.Value);
    public void OnTrade(TradeMessage m) => Fold(m.Shares ^ ((ulong)m.Price.Value << 32) ^ m.MatchNumber.Value);
    public void OnCrossTrade(CrossTradeMessage m) => Fold(m.Shares ^ m.CrossPrice.Value ^ m.MatchNumber.Value);
    public void OnBrokenTrade(BrokenTradeMessage m) => Fold(m.MatchNumber.Value);
    public void OnNetOrderImbalance(NetOrderImbalanceMessage m) => Fold(m.PairedShares ^ m.ImbalanceShares ^ m.NearPrice.Value);
    public void OnRetailPriceImprovement(RetailPriceImprovementMessage m) => Fold(m.Stock.Value ^ m.InterestFlag);
    public void OnDirectListingCapitalRaise(DirectListingCapitalRaiseMessage m) => Fold(m.NearExecutionPrice.Value ^ m.NearExecutionTime);
}
