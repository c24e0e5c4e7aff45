using System.CommandLine;
using System.Net;
using TickToTrade.App.Jobs.KernelPeer;

namespace TickToTrade.App.Cli;

/// <summary><c>ttt kpeer echo|send|rtt</c>: the kernel-socket end of tcpcheck.</summary>
public static class KernelPeerCommand
{
    public static Command Create()
    {
        var root = new Command("kpeer", "The other end of tcpcheck, on ordinary Linux kernel sockets: echo server, seeded sender, or 64-byte ping-pong.");

        var listen = new Option<string>("--listen") { Description = "Address:port to listen on, e.g. 0.0.0.0:9000.", Required = true };
        var expect = new Option<string>("--bytes") { Description = "Bytes to expect and verify against the seeded stream (0: echo without checking).", DefaultValueFactory = _ => "0" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the pseudo-random bytes.", DefaultValueFactory = _ => 1 };
        var wait = new Option<double>("--wait") { Description = "Seconds to wait for the connection.", DefaultValueFactory = _ => 30 };
        var busy = new Option<bool>("--busy-poll") { Description = "Spin on a non-blocking socket instead of blocking in recv (what a busy-polling user-space stack does; pin it with --cpu)." };
        var cpu = new Option<int?>("--cpu") { Description = "Pin the thread that accepts, reads and echoes to this CPU." };
        var echo = new Command("echo", "Accept one connection, echo everything, print JSON when the peer closes.") { listen, expect, seed, wait, busy, cpu };
        echo.SetAction(p => CliGuard.Run(() =>
        {
            if (p.GetValue(cpu) is int c)
                Platform.CpuAffinity.Pin(c);
            return KernelPeerJob.Echo(Endpoint(p.GetValue(listen)!, "--listen"), Bytes(p.GetValue(expect)!), p.GetValue(seed), p.GetValue(wait), p.GetValue(busy), Console.Error);
        }));

        var connect = new Option<string>("--connect") { Description = "Address:port to connect to, e.g. 198.51.100.2:9000.", Required = true };
        var bytes = new Option<string>("--bytes") { Description = "Bytes to send and have echoed; suffixes KiB, MiB, GiB.", DefaultValueFactory = _ => "1MiB" };
        var seed2 = new Option<ulong>("--seed") { Description = "Seed of the pseudo-random bytes.", DefaultValueFactory = _ => 1 };
        var wait2 = new Option<double>("--wait") { Description = "Seconds to keep trying to connect.", DefaultValueFactory = _ => 30 };
        var timeout = new Option<double>("--timeout") { Description = "Seconds a receive may block.", DefaultValueFactory = _ => 120 };
        var send = new Command("send", "Connect, send seeded bytes while reading the echo, verify it, print JSON.") { connect, bytes, seed2, wait2, timeout };
        send.SetAction(p => CliGuard.Run(() => KernelPeerJob.Send(Endpoint(p.GetValue(connect)!, "--connect"), Bytes(p.GetValue(bytes)!), p.GetValue(seed2), p.GetValue(wait2), p.GetValue(timeout), Console.Error)));

        var connect3 = new Option<string>("--connect") { Description = "Address:port of an echo server.", Required = true };
        var count = new Option<int>("--count") { Description = "Round trips to measure (a tenth more, up to 1000, warm up first).", DefaultValueFactory = _ => 10000 };
        var wait3 = new Option<double>("--wait") { Description = "Seconds to keep trying to connect.", DefaultValueFactory = _ => 30 };
        var busy3 = new Option<bool>("--busy-poll") { Description = "Spin on a non-blocking socket for the echo instead of blocking in recv." };
        var cpu3 = new Option<int?>("--cpu") { Description = "Pin the thread that sends and times the ping-pongs to this CPU." };
        var rtt = new Command("rtt", "Connect to an echo server and time 64-byte ping-pongs (TCP_NODELAY); print HdrHistogram percentiles as JSON.") { connect3, count, wait3, busy3, cpu3 };
        rtt.SetAction(p => CliGuard.Run(() =>
        {
            if (p.GetValue(cpu3) is int c)
                Platform.CpuAffinity.Pin(c);
            return KernelPeerJob.Rtt(Endpoint(p.GetValue(connect3)!, "--connect"), p.GetValue(count), p.GetValue(wait3), p.GetValue(busy3), Console.Error);
        }));

        root.Add(echo);
        root.Add(send);
        root.Add(rtt);
        return root;
    }

    private static IPEndPoint Endpoint(string text, string option) =>
        IPEndPoint.TryParse(text, out IPEndPoint? e) && e.Port != 0 ? e : throw new ArgumentException($"{option} \"{text}\" is not address:port");

    private static long Bytes(string text) =>
        ByteSize.TryParse(text, out long n) ? n : throw new ArgumentException($"--bytes \"{text}\" is not a byte count (e.g. 1048576 or 64MiB)");
}
