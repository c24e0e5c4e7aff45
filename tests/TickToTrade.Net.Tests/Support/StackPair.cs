using TickToTrade.Net.Impair;
using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;
using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.PacketIO.Time;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Tests.Support;

/// <summary>
/// Two of our stacks joined by the in-memory port pair, on one thread, with a
/// manual clock: client 198.51.100.2, server 198.51.100.1. Both ports are wrapped
/// in the impairment port (faults both ways when asked; the client's by default). Every step
/// advances the clock and polls both sides.
/// </summary>
public sealed class StackPair : IDisposable
{
    public static readonly Ipv4Address ClientIp = Ipv4Address.Parse("198.51.100.2");
    public static readonly Ipv4Address ServerIp = Ipv4Address.Parse("198.51.100.1");
    public static readonly MacAddress ClientMac = new(0x02_00_00_00_00_02);
    public static readonly MacAddress ServerMac = new(0x02_00_00_00_00_01);

    private readonly MemoryPortPair _pair;

    public StackPair(TcpConfig? client = null, TcpConfig? server = null, ulong seed = 1, int buffers = 8192, Impairment? impairment = null, int clientVlan = -1, int serverVlan = -1, Impairment? serverImpairment = null)
    {
        _pair = new MemoryPortPair(buffers, 4096);
        var r1 = new Xoshiro256(seed);
        var r2 = new Xoshiro256(seed + 1000);
        Impairment faults = impairment ?? Impairment.None;
        ClientPort = new ImpairedPort<MemoryPort>(_pair.A, faults, faults, seed + 7, _clock);
        Client = new NetStack<ImpairedPort<MemoryPort>>(ClientPort, new InterfaceConfig(ClientMac, ClientIp, 24) { VlanId = clientVlan }, client ?? new TcpConfig(), ref r1);
        Impairment serverFaults = serverImpairment ?? Impairment.None;
        ServerPort = new ImpairedPort<MemoryPort>(_pair.B, serverFaults, serverFaults, seed + 11, _clock);
        Server = new NetStack<ImpairedPort<MemoryPort>>(ServerPort, new InterfaceConfig(ServerMac, ServerIp, 24) { VlanId = serverVlan }, server ?? new TcpConfig(), ref r2);
    }

    private readonly ManualClock _clock = new(1_000_000_000);

    public ImpairedPort<MemoryPort> ClientPort { get; }
    public NetStack<ImpairedPort<MemoryPort>> Client { get; }
    public ImpairedPort<MemoryPort> ServerPort { get; }
    public NetStack<ImpairedPort<MemoryPort>> Server { get; }
    public long Now => _clock.NowNanoseconds;
    public int FreeBuffers => _pair.FreeBuffers;
    public int Capacity => _pair.Capacity;

    public void Step(long nanoseconds = 10_000)
    {
        _clock.Advance(nanoseconds);
        Client.Poll(Now);
        Server.Poll(Now);
    }

    /// <summary>
    /// Steps until <paramref name="done"/> holds or the simulated time runs out; returns whether it held.
    /// While no frame moves the step doubles (up to 1 ms), so waiting out a timer costs few polls.
    /// </summary>
    public bool RunUntil(Func<bool> done, long maxNanoseconds = 10_000_000_000, long step = 10_000)
    {
        long end = Now + maxNanoseconds;
        long current = step;
        while (Now < end)
        {
            if (done())
                return true;
            long frames = Client.Counters.FramesReceived + Server.Counters.FramesReceived + Client.Counters.FramesSent + Server.Counters.FramesSent;
            Step(current);
            bool moved = frames != Client.Counters.FramesReceived + Server.Counters.FramesReceived + Client.Counters.FramesSent + Server.Counters.FramesSent;
            current = moved ? step : Math.Min(current * 2, 1_000_000);
        }
        return done();
    }

    /// <summary>Client connects to the server's <paramref name="port"/>; both ends established.</summary>
    public (TcpConnection Client, TcpConnection Server) Connect(ushort port = 9000)
    {
        Assert.True(Server.Listen(port));
        TcpConnection c = Client.Connect(new TcpEndpoint(ServerIp, port), Now) ?? throw new InvalidOperationException("no free connection slot");
        TcpConnection? s = null;
        Assert.True(RunUntil(() => (s ??= Server.Accept(port)) is not null && c.IsEstablished), "handshake did not complete");
        return (c, s!);
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        _pair.Dispose();
    }
}
