namespace TickToTrade.App.Configuration;

/// <summary>The whole of config/ttt.json. Bound by the configuration source generator (AOT-clean).</summary>
public sealed class EngineConfig
{
    public EalConfig Eal { get; set; } = new();
    public FeedConfig Feed { get; set; } = new();
    public BookConfig Book { get; set; } = new();
    public ReplayConfig Replay { get; set; } = new();
}
