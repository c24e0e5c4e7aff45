using System.CommandLine;
using TickToTrade.App.Cli;

namespace TickToTrade.App;

/// <summary>Entry point of <c>ttt</c>: one subcommand per job.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand(
            "ttt: the TickToTrade engine. Today: DPDK packet I/O, NASDAQ ITCH 5.0 market data over MoldUDP64, the full-depth order book, " +
            "and the user-space TCP/IP stack (tcpcheck). The strategy, risk checks and OUCH order entry arrive with later issues.")
        {
            RunCommand.Create(),
            PortsCommand.Create(),
            InspectCommand.Create(),
            GenCommand.Create(),
            BookCommand.Create(),
            TcpCheckCommand.Create(),
            KernelPeerCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
