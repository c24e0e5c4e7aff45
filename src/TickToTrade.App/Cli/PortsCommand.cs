using System.CommandLine;
using TickToTrade.PacketIO.Dpdk;

namespace TickToTrade.App.Cli;

/// <summary><c>ttt ports --eal "..."</c>: lists the DPDK ports EAL found.</summary>
public static class PortsCommand
{
    public static Command Create()
    {
        var eal = new Option<string>("--eal")
        {
            Description = "EAL arguments, e.g. \"--no-pci --vdev=net_tap0,iface=ttt0\" or \"-a 0000:01:00.0\". " +
                          "Without free hugepages (and no memory flags given), --in-memory is dropped and --no-huge --no-shconf -m 512 added, and that is announced on stderr.",
            Required = true,
        };
        var command = new Command("ports", "List the DPDK ports EAL finds: name, driver, MAC, NUMA socket, link, queues and offload capabilities.")
        {
            eal,
        };
        command.SetAction(parse => CliGuard.Run(() => Run(parse.GetValue(eal)!)));
        return command;
    }

    private static int Run(string ealArgs)
    {
        (string[] args, string? note) = EalMemory.Resolve(Eal.SplitArguments(ealArgs));
        if (note is not null)
            Console.Error.WriteLine(note);
        Eal.Initialize(args);
        try
        {
            int count = Eal.PortCount;
            Console.WriteLine($"{count} port{(count == 1 ? "" : "s")} ({Eal.Version})");
            for (ushort port = 0; port < 1024 && count > 0; port++)
            {
                PortInfo info;
                try
                {
                    info = EthDevice.QueryInfo(port);
                }
                catch (DpdkException)
                {
                    continue; // not a valid port id
                }
                count--;
                LinkStatus link = EthDevice.QueryLink(port);
                Console.WriteLine($"port {info.PortId}: {info.Name}");
                Console.WriteLine($"  driver   {info.Driver}");
                Console.WriteLine($"  mac      {info.Mac}");
                Console.WriteLine($"  socket   {info.SocketId}");
                Console.WriteLine($"  link     {link}");
                Console.WriteLine($"  queues   rx {info.MaxRxQueues}, tx {info.MaxTxQueues}; mtu {info.MinMtu}..{info.MaxMtu}");
                Console.WriteLine($"  rx offloads  {(info.RxOffloads.Count == 0 ? "none" : string.Join(' ', info.RxOffloads))}");
                Console.WriteLine($"  tx offloads  {(info.TxOffloads.Count == 0 ? "none" : string.Join(' ', info.TxOffloads))}");
            }
            return 0;
        }
        finally
        {
            Eal.Cleanup();
        }
    }
}
