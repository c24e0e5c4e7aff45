using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using HdrHistogram;
using TickToTrade.App.Jobs.TcpCheck;

namespace TickToTrade.App.Jobs.KernelPeer;

/// <summary>
/// `ttt kpeer`: the other end of tcpcheck on ordinary kernel sockets, so our
/// stack is always tested against the real Linux TCP. echo: accept one
/// connection and echo it; send: stream seeded bytes and verify the echo;
/// rtt: 64-byte ping-pong with percentiles (also kernel against kernel, the
/// bench's baseline).
/// </summary>
public static class KernelPeerJob
{
    public static int Echo(IPEndPoint listen, long expect, ulong seed, double waitSeconds, bool busyPoll, TextWriter log)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(listen);
        listener.Listen(1);
        log.WriteLine($"ttt: kpeer: listening on {listen}");
        if (!listener.Poll(TimeSpan.FromSeconds(waitSeconds), SelectMode.SelectRead))
            return Report(null, "kernel-echo", 0, 0, 0, false, $"no connection within {waitSeconds} s");
        using Socket s = listener.Accept();
        s.NoDelay = true;
        var verifier = new SeededBytes(seed);
        var buffer = new byte[256 * 1024];
        var scratch = new byte[64 * 1024];
        long received = 0, mismatch = -1;
        var clock = Stopwatch.StartNew();
        s.Blocking = !busyPoll;
        int r;
        while ((r = ReceiveSome(s, buffer, busyPoll)) > 0)
        {
            if (expect > 0 && mismatch < 0)
            {
                int bad = verifier.Verify(buffer.AsSpan(0, r), scratch);
                if (bad >= 0)
                    mismatch = received + bad;
            }
            received += r;
            SendAll(s, buffer.AsSpan(0, r));
        }
        s.Shutdown(SocketShutdown.Send);
        string error = mismatch >= 0 ? $"bytes differ from the seeded stream at {mismatch}" : expect > 0 && received != expect ? $"received {received} bytes, expected {expect}" : "";
        return Report(null, "kernel-echo", received, received, clock.Elapsed.TotalSeconds, error.Length == 0, error);
    }

    public static int Send(IPEndPoint peer, long bytes, ulong seed, double waitSeconds, double timeoutSeconds, TextWriter log)
    {
        using Socket? s = Connect(peer, waitSeconds, log);
        if (s is null)
            return Report(null, "kernel-client", bytes, 0, 0, false, $"could not connect to {peer} within {waitSeconds} s");
        s.ReceiveTimeout = (int)(timeoutSeconds * 1000);
        var clock = Stopwatch.StartNew();
        Exception? sendError = null;
        var sender = new Thread(() =>
        {
            try
            {
                var source = new SeededBytes(seed);
                var chunk = new byte[64 * 1024];
                long left = bytes;
                while (left > 0)
                {
                    int n = (int)Math.Min(chunk.Length, left);
                    source.Fill(chunk.AsSpan(0, n));
                    int sent = 0;
                    while (sent < n)
                        sent += s.Send(chunk.AsSpan(sent, n - sent));
                    left -= n;
                }
                s.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException e)
            {
                sendError = e;
            }
        }) { IsBackground = true, Name = "kpeer-send" };
        sender.Start();
        var verifier = new SeededBytes(seed);
        var buffer = new byte[256 * 1024];
        var scratch = new byte[64 * 1024];
        long echoed = 0, mismatch = -1;
        string error = "";
        try
        {
            int r;
            while (echoed < bytes && (r = s.Receive(buffer)) > 0)
            {
                int bad = verifier.Verify(buffer.AsSpan(0, r), scratch);
                if (bad >= 0)
                {
                    mismatch = echoed + bad;
                    break;
                }
                echoed += r;
            }
        }
        catch (SocketException e)
        {
            error = $"receive failed: {e.SocketErrorCode}";
        }
        sender.Join(TimeSpan.FromSeconds(5));
        if (sendError is not null)
            error = $"send failed: {sendError.Message}";
        if (mismatch >= 0)
            error = $"the echo differs from what was sent at byte {mismatch}";
        else if (error.Length == 0 && echoed != bytes)
            error = $"{echoed} of {bytes} bytes came back";
        return Report(null, "kernel-client", bytes, echoed, clock.Elapsed.TotalSeconds, error.Length == 0, error);
    }

    /// <summary>
    /// Blocking: one recv. Busy-polling: spin on a non-blocking recv until bytes (or the end) come,
    /// never an exception per empty poll. Returns 0 at the end of the stream.
    /// </summary>
    private static int ReceiveSome(Socket s, Span<byte> buffer, bool busyPoll)
    {
        if (!busyPoll)
            return s.Receive(buffer);
        while (true)
        {
            int r = s.Receive(buffer, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
                return r;
            if (error != SocketError.WouldBlock)
                throw new SocketException((int)error);
        }
    }

    private static void SendAll(Socket s, ReadOnlySpan<byte> data)
    {
        int sent = 0;
        while (sent < data.Length)
        {
            int n = s.Send(data[sent..], SocketFlags.None, out SocketError error);
            if (error is not (SocketError.Success or SocketError.WouldBlock))
                throw new SocketException((int)error);
            sent += n;
        }
    }

    public static int Rtt(IPEndPoint peer, int count, double waitSeconds, bool busyPoll, TextWriter log)
    {
        using Socket? s = Connect(peer, waitSeconds, log);
        if (s is null)
            return Report(null, "kernel-rtt", 0, 0, 0, false, $"could not connect to {peer} within {waitSeconds} s");
        s.NoDelay = true;
        s.Blocking = !busyPoll;
        var message = new byte[64];
        var reply = new byte[64];
        var histogram = new LongHistogram(10_000_000_000, 3);
        int warmup = Math.Min(count / 10, 1000);
        var clock = Stopwatch.StartNew();
        double nsPerTick = 1e9 / Stopwatch.Frequency;
        for (int i = 0; i < warmup + count; i++)
        {
            message[0] = (byte)i;
            long t0 = Stopwatch.GetTimestamp();
            SendAll(s, message);
            int got = 0;
            while (got < reply.Length)
            {
                int r = ReceiveSome(s, reply.AsSpan(got), busyPoll);
                if (r == 0)
                    return Report(histogram, "kernel-rtt", 0, 0, clock.Elapsed.TotalSeconds, false, $"the peer closed after {i} round trips");
                got += r;
            }
            if (i >= warmup)
                histogram.RecordValue((long)((Stopwatch.GetTimestamp() - t0) * nsPerTick));
        }
        return Report(histogram, "kernel-rtt", histogram.TotalCount * 64, histogram.TotalCount * 64, clock.Elapsed.TotalSeconds, true, "");
    }

    private static Socket? Connect(IPEndPoint peer, double waitSeconds, TextWriter log)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed.TotalSeconds < waitSeconds)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                s.Connect(peer);
                return s;
            }
            catch (SocketException e)
            {
                s.Dispose();
                log.WriteLine($"ttt: kpeer: connect to {peer}: {e.SocketErrorCode}; retrying");
                Thread.Sleep(200);
            }
        }
        return null;
    }

    private static int Report(LongHistogram? histogram, string mode, long bytes, long echoed, double seconds, bool intact, string error)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("mode", mode);
            w.WriteNumber("bytes", bytes);
            w.WriteNumber("bytes_echoed", echoed);
            w.WriteNumber("seconds", Math.Round(seconds, 6));
            w.WriteBoolean("intact", intact);
            if (error.Length > 0)
                w.WriteString("error", error);
            RttJson.Write(w, histogram);
            w.WriteEndObject();
        }
        Console.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        return intact ? 0 : 1;
    }
}
