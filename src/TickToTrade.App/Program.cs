using System.CommandLine;
using TickToTrade.App.Cli;

namespace TickToTrade.App;

/// <summary>Entry point of <c>ttt</c>: one subcommand per job.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "ttt: the TickToTrade engine. Today: DPDK packet I/O, NASDAQ ITCH 5.0 market data over MoldUDP64, and the full-depth order book. " +
            "The strategy, risk checks, OUCH order entry and the user-space TCP/IP stack arrive with later issues.")
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
