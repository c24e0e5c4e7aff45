using HdrHistogram;
using TickToTrade.Net.Capture;
using TickToTrade.Net.Impair;
using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Local;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.PacketIO.Time;
using TickToTrade.Wire.Ethernet;

namespace TickToTrade.App.Jobs.TcpCheck;

/// <summary>
/// `ttt tcpcheck`: our TCP/IP stack on a DPDK port against any TCP peer (the
/// Linux kernel through net_tap in the tests). Client: send seeded bytes, read
/// the echo, verify it. Server (--listen): verify and echo. --rtt: 64-byte
/// ping-pong with HdrHistogram percentiles. One busy-poll loop, no threads.
/// </summary>
public static class TcpCheckJob
{
    private const int Message = 64;

    public static int Run(TcpCheckOptions o, TextWriter log)
    {
        var clock = new MonotonicClock();
        if (o.Tap is { } tap)
        {
            using TapDevice device = TapDevice.Open(tap);
            log.WriteLine($"ttt: tcpcheck: on tap {tap} (our own port: a non-blocking read and write per frame)");
            return RunOn(device.CreatePort(), o.Mac, clock, o, log);
        }
        if (o.Shm is { } shm)
        {
            using ShmLink link = ShmLink.Open(shm, o.ShmSide, o.ConnectSeconds);
            log.WriteLine($"ttt: tcpcheck: on shared-memory link {shm}, side {o.ShmSide}");
            return RunOn(link.CreatePort(), o.Mac, clock, o, log);
        }
        (string[] args, string? note) = EalMemory.Resolve(Eal.SplitArguments(o.EalArgs!));
        if (note is not null)
            log.WriteLine(note);
        Eal.Initialize(args);
        try
        {
            ushort portId = FirstPort();
            using PacketMempool pool = PacketMempool.Create("tcpcheck", 8191, EthDevice.QueryInfo(portId).SocketId);
            using EthDevice device = EthDevice.Start(portId, pool);
            if (!MacAddress.TryParse(device.Info.Mac, out MacAddress mac))
                throw new ArgumentException($"port {portId} reports MAC \"{device.Info.Mac}\", which does not parse");
            return RunOn(device.CreatePort(), mac, clock, o, log);
        }
        finally
        {
            Eal.Cleanup();
        }
    }

    /// <summary>The check itself, on any port: the capture and impairment wrappers, the stack, the transfer, the JSON.</summary>
    private static int RunOn<TInner>(TInner inner, MacAddress mac, MonotonicClock clock, TcpCheckOptions o, TextWriter log)
        where TInner : struct, PacketIO.IPacketPort
    {
        long epoch = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 - clock.NowNanoseconds;
        using PcapWriter? writer = o.Pcap is null ? null : PcapWriter.Create(o.Pcap);
        var capturing = new CapturingPort<TInner>(inner, writer, clock, epoch);
        var port = new ImpairedPort<CapturingPort<TInner>>(capturing, o.Impairment, o.Impairment, o.Seed ^ 0x5EED_5EED, clock);
        var random = new Xoshiro256((ulong)Random.Shared.NextInt64()); // the RFC 6528 secret: unpredictable per run
        using var stack = new NetStack<ImpairedPort<CapturingPort<TInner>>>(port, new InterfaceConfig(mac, o.Local, o.PrefixLength), o.Tcp, ref random);
        var result = new TcpCheckResult
        {
            Bytes = o.Bytes,
            Impairment = o.Impairment.IsNone ? "" : o.Impairment.ToString(),
            Pcap = o.Pcap,
            Port = o.Tap is not null ? "tap" : o.Shm is not null ? "shm" : "dpdk",
            TcpChecksumOffload = port.TcpChecksumOffload,
        };
        if (o.Listen)
            Serve(stack, clock, o, result, log);
        else
            Client(stack, clock, o, result, log);
        Linger(stack, clock, o.LingerSeconds);
        result.LingerSeconds = o.LingerSeconds;
        result.FinalState = result.Connection?.State.ToString() ?? "";
        stack.Flush();
        writer?.Dispose();
        result.PcapRecords = capturing.Records;
        Console.WriteLine(result.ToJson(stack.TcpCounters, stack.Counters, port.ReceiveCounters, port.TransmitCounters));
        return result.Intact ? 0 : 1;
    }

    private static ushort FirstPort()
    {
        if (Eal.PortCount == 0)
            throw new ArgumentException("EAL found no port: give one with --eal, e.g. --vdev=net_tap0,iface=ttt0");
        for (ushort id = 0; id < 1024; id++)
        {
            try
            {
                EthDevice.QueryInfo(id);
                return id;
            }
            catch (DpdkException)
            {
            }
        }
        throw new ArgumentException("EAL reported ports but none answered");
    }

    private static void Client<TPort>(NetStack<TPort> stack, IClock clock, TcpCheckOptions o, TcpCheckResult result, TextWriter log)
        where TPort : struct, PacketIO.IPacketPort
    {
        result.Mode = o.RttCount > 0 ? "rtt" : "client";
        result.Peer = o.Peer.ToString();
        TcpConnection? c = Connect(stack, clock, o, log, out string why);
        if (c is null)
        {
            result.Error = why;
            return;
        }
        result.Connection = c;
        if (o.RttCount > 0)
            PingPong(stack, clock, c, o, result);
        else
            Stream(stack, clock, c, o, result);
        Finish(stack, clock, c);
    }

    /// <summary>Connects, retrying while the peer is not there yet (refused, or no ARP answer) until the connect deadline.</summary>
    private static TcpConnection? Connect<TPort>(NetStack<TPort> stack, IClock clock, TcpCheckOptions o, TextWriter log, out string why)
        where TPort : struct, PacketIO.IPacketPort
    {
        long deadline = clock.NowNanoseconds + (long)(o.ConnectSeconds * 1e9);
        why = "";
        while (clock.NowNanoseconds < deadline)
        {
            TcpConnection? c = stack.Connect(o.Peer, clock.NowNanoseconds);
            if (c is null)
            {
                why = "no free connection slot";
                return null;
            }
            while (c.State is TcpState.SynSent or TcpState.SynReceived && clock.NowNanoseconds < deadline)
                stack.Poll(clock.NowNanoseconds);
            if (c.IsEstablished)
                return c;
            why = c.State == TcpState.Closed ? $"connection to {o.Peer} failed: {c.Error}" : $"no answer from {o.Peer} within {o.ConnectSeconds} s";
            log.WriteLine($"ttt: tcpcheck: {why}; retrying");
            c.Release();
            long pause = clock.NowNanoseconds + 100_000_000;
            while (clock.NowNanoseconds < pause)
                stack.Poll(clock.NowNanoseconds);
        }
        return null;
    }

    private static void Stream<TPort>(NetStack<TPort> stack, IClock clock, TcpConnection c, TcpCheckOptions o, TcpCheckResult result)
        where TPort : struct, PacketIO.IPacketPort
    {
        var sender = new SeededBytes(o.Seed);
        var verifier = new SeededBytes(o.Seed);
        var chunk = new byte[64 * 1024];
        var read = new byte[256 * 1024];
        var scratch = new byte[64 * 1024];
        int chunkOffset = 0, chunkLength = 0;
        long queued = 0, echoed = 0;
        long start = clock.NowNanoseconds, deadline = start + (long)(o.TimeoutSeconds * 1e9);
        long allocated0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        while (echoed < o.Bytes)
        {
            long now = clock.NowNanoseconds;
            if (now > deadline)
            {
                result.Error = $"timed out after {o.TimeoutSeconds} s with {echoed} of {o.Bytes} bytes echoed";
                break;
            }
            stack.Poll(now);
            while (queued < o.Bytes)
            {
                if (chunkOffset == chunkLength)
                {
                    chunkLength = (int)Math.Min(chunk.Length, o.Bytes - queued);
                    sender.Fill(chunk.AsSpan(0, chunkLength));
                    chunkOffset = 0;
                }
                int n = c.Send(chunk.AsSpan(chunkOffset, chunkLength - chunkOffset));
                if (n == 0)
                    break;
                chunkOffset += n;
                queued += n;
            }
            int r = c.Receive(read);
            if (r > 0)
            {
                int bad = verifier.Verify(read.AsSpan(0, r), scratch);
                if (bad >= 0)
                {
                    result.MismatchAt = echoed + bad;
                    result.Error = "the echo differs from what was sent";
                    break;
                }
                echoed += r;
            }
            if (c.State == TcpState.Closed || (c.ReceiveFinished && echoed < o.Bytes))
            {
                result.Error = $"the connection ended ({c.State}, {c.Error}) after {echoed} of {o.Bytes} bytes echoed";
                break;
            }
        }
        result.LoopAllocatedBytes = GC.GetTotalAllocatedBytes(true) - allocated0;
        result.Gen0Collections = GC.CollectionCount(0) - gen0;
        result.Seconds = (clock.NowNanoseconds - start) / 1e9;
        result.BytesEchoed = echoed;
        result.Intact = result.Error.Length == 0 && echoed == o.Bytes;
    }

    private static void PingPong<TPort>(NetStack<TPort> stack, IClock clock, TcpConnection c, TcpCheckOptions o, TcpCheckResult result)
        where TPort : struct, PacketIO.IPacketPort
    {
        var message = new byte[Message];
        var reply = new byte[Message];
        var histogram = new LongHistogram(10_000_000_000, 3);
        int warmup = Math.Min(o.RttCount / 10, 1000);
        long start = clock.NowNanoseconds, deadline = start + (long)(o.TimeoutSeconds * 1e9);
        histogram.RecordValue(1); // first use initialises the histogram's internals: before the measured loop
        histogram.Reset();
        long allocated0 = 0;
        int gen0 = 0;
        for (int i = 0; i < warmup + o.RttCount; i++)
        {
            if (i == warmup)
            {
                // Allocation is measured after warm-up, as the brief's rule says.
                allocated0 = GC.GetTotalAllocatedBytes(true);
                gen0 = GC.CollectionCount(0);
            }
            message[0] = (byte)i;
            long t0 = clock.NowNanoseconds;
            c.Send(message);
            stack.Push(c, t0);
            int got = 0;
            while (got < Message)
            {
                long now = clock.NowNanoseconds;
                if (now > deadline || c.State == TcpState.Closed)
                {
                    result.Error = $"no echo for round trip {i} ({c.State}, {c.Error})";
                    goto done;
                }
                stack.Poll(now);
                got += c.Receive(reply.AsSpan(got));
            }
            long rtt = clock.NowNanoseconds - t0;
            if (reply[0] != (byte)i)
            {
                result.Error = $"round trip {i} came back with the wrong message";
                break;
            }
            if (i >= warmup)
                histogram.RecordValue(rtt);
        }
    done:
        result.LoopAllocatedBytes = GC.GetTotalAllocatedBytes(true) - allocated0;
        result.Gen0Collections = GC.CollectionCount(0) - gen0;
        result.Seconds = (clock.NowNanoseconds - start) / 1e9;
        result.Bytes = histogram.TotalCount * Message;
        result.BytesEchoed = result.Bytes;
        result.Rtt = histogram;
        result.Intact = result.Error.Length == 0;
    }

    private static void Serve<TPort>(NetStack<TPort> stack, IClock clock, TcpCheckOptions o, TcpCheckResult result, TextWriter log)
        where TPort : struct, PacketIO.IPacketPort
    {
        result.Mode = "server";
        if (!stack.Listen(o.ListenPort))
            throw new ArgumentException($"cannot listen on port {o.ListenPort}");
        long acceptDeadline = clock.NowNanoseconds + (long)(o.ConnectSeconds * 1e9);
        TcpConnection? c = null;
        while (c is null && clock.NowNanoseconds < acceptDeadline)
        {
            stack.Poll(clock.NowNanoseconds);
            c = stack.Accept(o.ListenPort);
        }
        if (c is null)
        {
            result.Error = $"no connection on port {o.ListenPort} within {o.ConnectSeconds} s";
            return;
        }
        result.Peer = c.Remote.ToString();
        result.Connection = c;
        log.WriteLine($"ttt: tcpcheck: accepted {c.Remote}");
        var verifier = new SeededBytes(o.Seed);
        var buffer = new byte[256 * 1024];
        var scratch = new byte[64 * 1024];
        long received = 0;
        long start = clock.NowNanoseconds, deadline = start + (long)(o.TimeoutSeconds * 1e9);
        long allocated0 = GC.GetTotalAllocatedBytes(true);
        int gen0 = GC.CollectionCount(0);
        while (true)
        {
            long now = clock.NowNanoseconds;
            if (now > deadline)
            {
                result.Error = $"timed out after {o.TimeoutSeconds} s with {received} bytes received";
                break;
            }
            stack.Poll(now);
            int room = Math.Min(c.SendableBytes, buffer.Length);
            int r = room > 0 ? c.Receive(buffer.AsSpan(0, room)) : 0;
            if (r > 0)
            {
                if (o.Bytes > 0 && result.MismatchAt < 0)
                {
                    int bad = verifier.Verify(buffer.AsSpan(0, r), scratch);
                    if (bad >= 0)
                        result.MismatchAt = received + bad;
                }
                received += r;
                c.Send(buffer.AsSpan(0, r));
            }
            if (c.ReceiveFinished && c.UnacknowledgedBytes == 0)
                break;
            if (c.State == TcpState.Closed)
            {
                result.Error = $"the connection ended ({c.Error}) after {received} bytes";
                break;
            }
        }
        result.LoopAllocatedBytes = GC.GetTotalAllocatedBytes(true) - allocated0;
        result.Gen0Collections = GC.CollectionCount(0) - gen0;
        result.Seconds = (clock.NowNanoseconds - start) / 1e9;
        result.Bytes = received;
        result.BytesEchoed = received;
        if (result.MismatchAt >= 0)
            result.Error = "the received bytes differ from the seeded stream";
        else if (o.Bytes > 0 && received != o.Bytes && result.Error.Length == 0)
            result.Error = $"received {received} bytes, expected {o.Bytes}";
        result.Intact = result.Error.Length == 0;
        Finish(stack, clock, c);
    }

    /// <summary>
    /// --linger: the stack keeps running after the transfer, so what follows a close can be observed:
    /// TIME-WAIT ends on its timer, a segment for a connection that no longer exists gets a RST
    /// (RFC 9293 §3.10.7.1), ARP and ping are answered.
    /// </summary>
    private static void Linger<TPort>(NetStack<TPort> stack, IClock clock, double seconds)
        where TPort : struct, PacketIO.IPacketPort
    {
        if (seconds <= 0)
            return;
        long end = clock.NowNanoseconds + (long)(seconds * 1e9);
        while (clock.NowNanoseconds < end)
            stack.Poll(clock.NowNanoseconds);
    }

    /// <summary>Closes and polls until the close handshake is done (or 2 s pass), so the peer sees an orderly FIN.</summary>
    private static void Finish<TPort>(NetStack<TPort> stack, IClock clock, TcpConnection c)
        where TPort : struct, PacketIO.IPacketPort
    {
        c.Close();
        long end = clock.NowNanoseconds + 2_000_000_000;
        while (clock.NowNanoseconds < end && c.State is not (TcpState.Closed or TcpState.TimeWait))
            stack.Poll(clock.NowNanoseconds);
    }
}
