using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;
using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.PacketIO.Time;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// Our stack's own CPU time for a 64-byte TCP round trip: two of our stacks on one thread,
/// joined by the in-memory port pair, so no link, no system call and no second core is in
/// the figure. One round trip = the client's send and push, the server's poll, read, echo and
/// push, the client's poll and read: two segments built, checksummed, parsed and acknowledged.
/// Timed with and without the ACK held to the end of the iteration.
/// </summary>
public static class StackPingPongSuite
{
    public sealed record Result(bool AckAtIterationEnd, long RoundTrips, double NanosecondsPerRoundTrip, long FramesPerRoundTrip100, long AllocatedBytes, int Gen0)
    {
        public override string ToString() =>
            $"our stack, 64-byte round trip in one thread (ack at iteration end: {(AckAtIterationEnd ? "on " : "off")})   {NanosecondsPerRoundTrip,7:F0} ns   " +
            $"{FramesPerRoundTrip100 / 100.0:F2} frames/round trip   allocated {AllocatedBytes} B, gen0 {Gen0}";
    }

    public static Result Run(bool ackAtIterationEnd, long roundTrips = 1_000_000)
    {
        using var pair = new MemoryPortPair(buffers: 4096, ringCapacity: 1024);
        var config = new TcpConfig { AckAtIterationEnd = ackAtIterationEnd };
        var r1 = new Xoshiro256(1);
        var r2 = new Xoshiro256(2);
        var serverIp = Ipv4Address.Parse("198.51.100.1");
        using var client = new NetStack<MemoryPort>(pair.A, new InterfaceConfig(new MacAddress(0x02_00_00_00_00_02), Ipv4Address.Parse("198.51.100.2"), 24), config, ref r1);
        using var server = new NetStack<MemoryPort>(pair.B, new InterfaceConfig(new MacAddress(0x02_00_00_00_00_01), serverIp, 24), config, ref r2);
        var clock = new MonotonicClock();
        server.Listen(9000);
        TcpConnection c = client.Connect(new TcpEndpoint(serverIp, 9000), clock.NowNanoseconds)!;
        TcpConnection? s = null;
        while (s is null || !c.IsEstablished)
        {
            client.Poll(clock.NowNanoseconds);
            server.Poll(clock.NowNanoseconds);
            s ??= server.Accept(9000);
        }
        byte[] message = new byte[64], buffer = new byte[256];
        Loop(client, server, c, s, clock, message, buffer, 100_000);
        long frames0 = client.Counters.FramesSent + server.Counters.FramesSent;
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        ulong t0 = Tsc.Now;
        Loop(client, server, c, s, clock, message, buffer, roundTrips);
        ulong t1 = Tsc.Now;
        long frames = client.Counters.FramesSent + server.Counters.FramesSent - frames0;
        return new Result(ackAtIterationEnd, roundTrips, Tsc.ToNanoseconds(t1 - t0) / (double)roundTrips, frames * 100 / roundTrips,
            GC.GetTotalAllocatedBytes(true) - alloc0, GC.CollectionCount(0) - gen0);
    }

    private static void Loop(NetStack<MemoryPort> client, NetStack<MemoryPort> server, TcpConnection c, TcpConnection s, MonotonicClock clock, byte[] message, byte[] buffer, long n)
    {
        for (long i = 0; i < n; i++)
        {
            long now = clock.NowNanoseconds;
            c.Send(message);
            client.Push(c, now);
            int got = 0;
            while (got < 64)
            {
                server.Poll(now);
                got += s.Receive(buffer.AsSpan(got));
            }
            s.Send(buffer.AsSpan(0, 64));
            server.Push(s, now);
            got = 0;
            while (got < 64)
            {
                client.Poll(now);
                got += c.Receive(buffer.AsSpan(got));
            }
        }
    }
}
