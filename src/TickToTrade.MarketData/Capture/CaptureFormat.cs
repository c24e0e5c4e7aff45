namespace TickToTrade.MarketData.Capture;

/// <summary>The capture files the market-data pipeline reads.</summary>
public enum CaptureFormat
{
    Pcap,
    PcapNg,
    /// <summary>NASDAQ binary ITCH: 2-byte length + message, no packets.</summary>
    ItchDayFile,
}
