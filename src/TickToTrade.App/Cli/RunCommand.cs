using System.CommandLine;
using TickToTrade.App.Configuration;
using TickToTrade.App.Jobs;

namespace TickToTrade.App.Cli;

/// <summary>
/// <c>ttt run</c>: the main job on a configuration (the embedded default without --config).
/// Today the job replays a capture through DPDK's net_pcap PMD into the market-data path
/// and the order book; later issues add the strategy, risk and order entry.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config")
        {
            Description = "Configuration file (JSON, see config/ttt.json). Default: the copy of config/ttt.json embedded in this binary.",
        };
        var eal = new Option<string?>("--eal")
        {
            Description = "Replace the configuration's EAL arguments (Eal.Args).",
        };
        var pcap = new Option<string?>("--pcap")
        {
            Description = "Replace the capture to replay (Replay.Pcap).",
        };
        var command = new Command("run",
            "Run the main job: replay a capture through DPDK's net_pcap PMD and run every frame through the market-data path (decode, filter, sequence, dispatch ITCH) into the order book; print one JSON line with the counts and the loop's allocations.")
        {
            config, eal, pcap,
        };
        command.SetAction(parse => CliGuard.Run(() =>
        {
            EngineConfig c = ConfigLoader.Load(parse.GetValue(config));
            if (parse.GetValue(eal) is { } e)
                c.Eal.Args = e;
            if (parse.GetValue(pcap) is { } p)
                c.Replay.Pcap = p;
            ReplayResult result = ReplayJob.Run(c, Console.Error);
            Console.WriteLine(result.ToJson());
            return 0;
        }));
        return command;
    }
}
