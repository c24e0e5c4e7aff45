using System.Runtime.InteropServices;
using System.Text;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Dpdk;

/// <summary>
/// DPDK's Environment Abstraction Layer: initialised once per process (a DPDK
/// rule), before any port or mempool. Later devices can be hot-plugged with
/// <see cref="ProbeVirtualDevice"/>.
/// </summary>
public static unsafe class Eal
{
    private static readonly Lock Gate = new();
    private static string[]? _arguments;

    /// <summary>True once <see cref="Initialize"/> succeeded.</summary>
    public static bool IsInitialized => _arguments is not null;

    /// <summary>The arguments EAL was started with, or null.</summary>
    public static IReadOnlyList<string>? Arguments => _arguments;

    /// <summary>DPDK's version string, e.g. "DPDK 22.11.11".</summary>
    public static string Version => NativeMethods.FromUtf8(NativeMethods.ttt_dpdk_version()) ?? "?";

    /// <summary>
    /// Starts EAL with <paramref name="arguments"/> (without the program name).
    /// Throws <see cref="DpdkException"/> with DPDK's message if it fails, or if
    /// EAL was already started with other arguments.
    /// </summary>
    public static void Initialize(IReadOnlyList<string> arguments)
    {
        lock (Gate)
        {
            if (_arguments is not null)
            {
                if (_arguments.SequenceEqual(arguments))
                    return;
                throw new DpdkException(
                    $"EAL is already initialised with \"{string.Join(' ', _arguments)}\"; DPDK allows one initialisation per process", -16);
            }
            var argv = new List<string>(arguments.Count + 1) { "ttt" };
            argv.AddRange(arguments);
            int rc = InitNative(argv);
            DpdkError.Check(rc, $"EAL initialisation with \"{string.Join(' ', arguments)}\" failed");
            _arguments = [.. arguments];
        }
    }

    /// <summary>Splits an EAL argument string on whitespace (no quoting: EAL arguments contain none).</summary>
    public static string[] SplitArguments(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int InitNative(List<string> argv)
    {
        // EAL keeps pointers into argv for the life of the process, so this memory is never freed.
        byte** args = (byte**)NativeMemory.AllocZeroed((nuint)(argv.Count + 1), (nuint)sizeof(byte*));
        for (int i = 0; i < argv.Count; i++)
            args[i] = NativeUtf8.Allocate(argv[i]);
        return NativeMethods.ttt_eal_init(argv.Count, args);
    }

    /// <summary>Releases EAL resources at process exit.</summary>
    public static void Cleanup()
    {
        lock (Gate)
        {
            if (_arguments is null)
                return;
            NativeMethods.ttt_eal_cleanup();
            _arguments = null;
        }
    }

    /// <summary>
    /// Hot-plugs a virtual device, e.g. "net_pcap1,rx_pcap=in.pcap,tx_pcap=out.pcap",
    /// and returns its port id.
    /// </summary>
    public static ushort ProbeVirtualDevice(string devargs)
    {
        ushort port;
        using (var text = new NativeUtf8(devargs))
            DpdkError.Check(NativeMethods.ttt_vdev_probe(text.Pointer, &port), $"probing virtual device \"{devargs}\" failed");
        return port;
    }

    /// <summary>Removes a hot-plugged virtual device by name (e.g. "net_pcap1"), after its port is closed.</summary>
    public static void RemoveVirtualDevice(string name)
    {
        using var text = new NativeUtf8(name);
        DpdkError.Check(NativeMethods.ttt_vdev_remove(text.Pointer), $"removing virtual device \"{name}\" failed");
    }

    /// <summary>Port id of the device called <paramref name="name"/> (e.g. "net_pcap0").</summary>
    public static ushort PortByName(string name)
    {
        ushort port;
        using (var text = new NativeUtf8(name))
            DpdkError.Check(NativeMethods.ttt_port_by_name(text.Pointer, &port), $"no DPDK port named \"{name}\"");
        return port;
    }

    /// <summary>Number of ports EAL found.</summary>
    public static int PortCount => NativeMethods.ttt_port_count();
}
