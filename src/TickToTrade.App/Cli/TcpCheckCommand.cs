using System.CommandLine;
using TickToTrade.App.Jobs.TcpCheck;
using TickToTrade.Net.Impair;
using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;
using TickToTrade.Wire.Ethernet;

namespace TickToTrade.App.Cli;

/// <summary><c>ttt tcpcheck</c>: our TCP/IP stack on a DPDK port, against a real TCP peer.</summary>
public static class TcpCheckCommand
{
    public static Command Create()
    {
        var eal = new Option<string>("--eal")
        {
            Description = "EAL arguments naming one DPDK port, e.g. \"--no-pci --no-telemetry --in-memory --vdev=net_tap0,iface=ttt0,mac=02:00:00:00:00:02\". Our MAC is the port's. " +
                "One of --eal, --tap or --shm is required.",
        };
        var tap = new Option<string>("--tap") { Description = "Our own port instead of DPDK: create (or attach to) this tap interface and read and write its fd directly (non-blocking, one system call per frame)." };
        var shm = new Option<string>("--shm") { Description = "Our own port instead of DPDK: a shared-memory link file (e.g. /dev/shm/ttt-link) to another process; see --shm-side." };
        var shmSide = new Option<int>("--shm-side") { Description = "With --shm: 0 creates the link file, 1 attaches to it.", DefaultValueFactory = _ => 0 };
        var mac = new Option<string>("--mac") { Description = "Our MAC with --tap or --shm (a DPDK port has its own).", DefaultValueFactory = _ => "02:00:00:00:00:02" };
        var local = new Option<string>("--local") { Description = "Our IPv4 address and prefix, e.g. 198.51.100.2/24.", Required = true };
        var peer = new Option<string>("--peer") { Description = "The peer to connect to, e.g. 198.51.100.1:9000 (client and --rtt modes; refused with --listen)." };
        var bytes = new Option<string>("--bytes") { Description = "Bytes to send and have echoed (client), or to expect (--listen); suffixes KiB, MiB, GiB.", DefaultValueFactory = _ => "1MiB" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the pseudo-random bytes; the other end must use the same one to verify.", DefaultValueFactory = _ => 1 };
        var impair = new Option<string>("--impair") { Description = "Faults injected on our port, both directions: loss=0.05,dup=0.01,reorder=0.05,corrupt=0.001,delay_us=200, and down_ms=800 (the link is down for the first 800 ms)." };
        var pcap = new Option<string>("--pcap") { Description = "Record every frame crossing the port, both directions, to this pcap file." };
        var listen = new Option<bool>("--listen") { Description = "Play the server: accept one connection, verify the seeded bytes (when --bytes > 0), echo them back." };
        var port = new Option<ushort>("--port") { Description = "The port to listen on (--listen only).", DefaultValueFactory = _ => 9000 };
        var rtt = new Option<int>("--rtt") { Description = "Client only: measure N ping-pong round trips of 64-byte messages instead of streaming, and report HdrHistogram percentiles (a tenth more, up to 1000, warm up first)." };
        var linger = new Option<double>("--linger")
        {
            Description = "After the transfer and the close, keep the stack polling this many seconds (answering segments for closed connections with RST, " +
                "finishing TIME-WAIT, answering ARP and ping), then exit with the transfer's verdict.",
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds the transfer may take before it is reported as failed.", DefaultValueFactory = _ => 120 };
        var connectWait = new Option<double>("--connect-wait") { Description = "Seconds to keep trying to connect (or to wait for a connection with --listen).", DefaultValueFactory = _ => 20 };
        var cubic = new Option<bool>("--cubic") { Description = "Use CUBIC congestion control instead of NewReno." };
        var sendBuffer = new Option<string>("--send-buffer") { Description = "Send ring per connection (a power of two; suffixes KiB, MiB).", DefaultValueFactory = _ => "1MiB" };
        var receiveBuffer = new Option<string>("--receive-buffer") { Description = "Receive ring per connection, which bounds the window we offer (a power of two).", DefaultValueFactory = _ => "1MiB" };
        var noSack = new Option<bool>("--no-sack") { Description = "Do not offer SACK (RFC 2018)." };
        var noTimestamps = new Option<bool>("--no-timestamps") { Description = "Do not offer timestamps (RFC 7323)." };
        var noWindowScaling = new Option<bool>("--no-window-scaling") { Description = "Do not offer window scaling (RFC 7323): the window stays under 64 KiB." };
        var delayedAck = new Option<bool>("--delayed-ack") { Description = "Delay ACKs (40 ms, or every second segment); off by default." };
        var nagle = new Option<bool>("--nagle") { Description = "Turn Nagle's algorithm on; off by default." };
        var minRto = new Option<double>("--min-rto-ms") { Description = "The retransmission timeout's floor in milliseconds.", DefaultValueFactory = _ => 200 };
        var command = new Command("tcpcheck",
            "Connect through our user-space TCP/IP stack, send N seeded pseudo-random bytes, read the echo back and verify it; print JSON " +
            "(bytes, seconds, retransmits, SACK recoveries, RTO expiries, intact). Exit 0 only when the data is intact.")
        {
            eal, tap, shm, shmSide, mac, local, peer, bytes, seed, impair, pcap, listen, port, rtt, linger, timeout, connectWait, cubic,
            sendBuffer, receiveBuffer, noSack, noTimestamps, noWindowScaling, delayedAck, nagle, minRto,
        };
        command.SetAction(p => CliGuard.Run(() =>
        {
            if (!InterfaceConfig.TryParseCidr(p.GetValue(local)!, out var address, out int prefix))
                throw new ArgumentException($"--local \"{p.GetValue(local)}\" is not an IPv4 address with a prefix length, e.g. 198.51.100.2/24");
            TcpEndpoint peerEndpoint = default;
            int ports = (p.GetValue(eal) is null ? 0 : 1) + (p.GetValue(tap) is null ? 0 : 1) + (p.GetValue(shm) is null ? 0 : 1);
            if (ports != 1)
                throw new ArgumentException("give exactly one port: --eal (a DPDK port), --tap IFACE or --shm FILE (our own ports)");
            if (p.GetValue(shm) is null && p.GetResult(shmSide) is { Implicit: false })
                throw new ArgumentException("--shm-side applies only with --shm");
            if (p.GetValue(shmSide) is not (0 or 1))
                throw new ArgumentException("--shm-side must be 0 (creates the link) or 1 (attaches to it)");
            if (p.GetValue(eal) is not null && p.GetResult(mac) is { Implicit: false })
                throw new ArgumentException("--mac applies only with --tap or --shm: a DPDK port has its own MAC");
            if (!MacAddress.TryParse(p.GetValue(mac)!, out MacAddress ourMac))
                throw new ArgumentException($"--mac \"{p.GetValue(mac)}\" is not a MAC address, e.g. 02:00:00:00:00:02");
            bool isListen = p.GetValue(listen);
            // An option that does not apply to the chosen mode is a usage error, not silently ignored.
            if (isListen && p.GetResult(peer) is { Implicit: false })
                throw new ArgumentException("--peer does not apply with --listen (the server takes whoever connects); give one or the other");
            if (isListen && p.GetResult(rtt) is { Implicit: false })
                throw new ArgumentException("--rtt does not apply with --listen (the server echoes whatever comes); run --rtt on the client");
            if (p.GetValue(rtt) > 0 && (p.GetResult(bytes) is { Implicit: false } || p.GetResult(seed) is { Implicit: false }))
                throw new ArgumentException("--bytes and --seed do not apply with --rtt (it sends 64-byte messages and checks each echo)");
            if (!isListen && p.GetResult(port) is { Implicit: false })
                throw new ArgumentException("--port applies only with --listen; the client's port is ephemeral and the peer's is in --peer");
            if (p.GetValue(linger) is < 0 or double.NaN || double.IsInfinity(p.GetValue(linger)))
                throw new ArgumentException("--linger must be a number of seconds, 0 or more");
            string? peerText = p.GetValue(peer);
            if (!isListen && (peerText is null || !TcpEndpoint.TryParse(peerText, out peerEndpoint)))
                throw new ArgumentException(peerText is null ? "--peer is required unless --listen is given" : $"--peer \"{peerText}\" is not address:port, e.g. 198.51.100.1:9000");
            if (!ByteSize.TryParse(p.GetValue(bytes)!, out long n))
                throw new ArgumentException($"--bytes \"{p.GetValue(bytes)}\" is not a byte count (e.g. 1048576 or 64MiB)");
            Impairment faults = Impairment.None;
            if (p.GetValue(impair) is { } spec && !Impairment.TryParse(spec, out faults, out string error))
                throw new ArgumentException($"--impair: {error}");
            if (p.GetValue(rtt) < 0)
                throw new ArgumentException("--rtt must be a positive count");
            if (!ByteSize.TryParse(p.GetValue(sendBuffer)!, out long sendBytes) || sendBytes > int.MaxValue)
                throw new ArgumentException($"--send-buffer \"{p.GetValue(sendBuffer)}\" is not a byte count");
            if (!ByteSize.TryParse(p.GetValue(receiveBuffer)!, out long receiveBytes) || receiveBytes > int.MaxValue)
                throw new ArgumentException($"--receive-buffer \"{p.GetValue(receiveBuffer)}\" is not a byte count");
            foreach ((string name, long value) in new[] { ("--send-buffer", sendBytes), ("--receive-buffer", receiveBytes) })
                if (value < 1024 || value > 1 << 30 || (value & (value - 1)) != 0)
                    throw new ArgumentException($"{name} {value} must be a power of two between 1 KiB and 1 GiB");
            if (p.GetValue(minRto) <= 0)
                throw new ArgumentException("--min-rto-ms must be positive");
            long minRtoNs = (long)(p.GetValue(minRto) * 1_000_000);
            var tcp = new TcpConfig
            {
                Congestion = p.GetValue(cubic) ? CongestionAlgorithm.Cubic : CongestionAlgorithm.NewReno,
                SendBufferBytes = (int)sendBytes,
                ReceiveBufferBytes = (int)receiveBytes,
                Sack = !p.GetValue(noSack),
                Timestamps = !p.GetValue(noTimestamps),
                WindowScaling = !p.GetValue(noWindowScaling),
                DelayedAck = p.GetValue(delayedAck),
                Nagle = p.GetValue(nagle),
                MinRto = minRtoNs,
                InitialRto = Math.Max(1_000_000_000, minRtoNs),
                TimeWait = 1_000_000_000,
            };
            tcp.Validate();
            var options = new TcpCheckOptions
            {
                EalArgs = p.GetValue(eal),
                Tap = p.GetValue(tap),
                Shm = p.GetValue(shm),
                ShmSide = p.GetValue(shmSide),
                Mac = ourMac,
                Local = address,
                PrefixLength = prefix,
                Peer = peerEndpoint,
                Bytes = n,
                Seed = p.GetValue(seed),
                Impairment = faults,
                Pcap = p.GetValue(pcap),
                Listen = isListen,
                ListenPort = p.GetValue(port),
                RttCount = p.GetValue(rtt),
                LingerSeconds = p.GetValue(linger),
                TimeoutSeconds = p.GetValue(timeout),
                ConnectSeconds = p.GetValue(connectWait),
                Tcp = tcp,
            };
            return TcpCheckJob.Run(options, Console.Error);
        }));
        return command;
    }
}
