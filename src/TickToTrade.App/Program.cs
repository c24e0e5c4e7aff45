using System.CommandLine;
using TickToTrade.App.Cli;

namespace TickToTrade.App;

/// <summary>Entry point of <c>ttt</c>: one subcommand per job.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "ttt: the TickToTrade engine. DPDK in, ITCH 5.0 market data, order book, strategy, risk, OUCH out through our own TCP/IP stack.")
        {
            RunCommand.Create(),
            PortsCommand.Create(),
            InspectCommand.Create(),
            GenCommand.Create(),
            BookCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
