using TickToTrade.Net.Impair;
using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.PacketIO.Randomness;

namespace TickToTrade.Net.Tests.Stack;

/// <summary>
/// A start whose first frames are lost (the link comes up late, as at any start-of-day
/// flap): every frame both ways is dropped for a seeded random time, then the link is
/// clean. RFC 1122 §2.3.2.1: resolution is retried (at most once a second) while a frame
/// waits, so the connection is up within a second or so of the link, and nothing queued
/// behind ARP is sent twice.
/// </summary>
public sealed class LateLinkTests
{
    private const long Second = 1_000_000_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rfc1122_2_3_2_1_AfterALateLink_EveryConnectionIsEstablishedWithinOneAndAHalfSeconds(bool outageOnTheServer)
    {
        var draws = new Xoshiro256(outageOnTheServer ? 2026u : 1122u);
        var late = new List<string>();
        for (int trial = 0; trial < 100; trial++)
        {
            long down = (long)(draws.NextDouble() * 3 * Second);
            var outage = new Impairment { DownNanoseconds = down };
            using var pair = outageOnTheServer
                ? new StackPair(seed: (ulong)trial + 1, serverImpairment: outage)
                : new StackPair(seed: (ulong)trial + 1, impairment: outage);
            long up = pair.Now + down;
            Assert.True(pair.Server.Listen(9000));
            TcpConnection c = pair.Client.Connect(new TcpEndpoint(StackPair.ServerIp, 9000), pair.Now)!;
            TcpConnection? s = null;
            bool done = pair.RunUntil(() => (s ??= pair.Server.Accept(9000)) is not null && c.IsEstablished, 10 * Second, step: 1_000_000);
            long after = pair.Now - Math.Max(up, 0);
            if (!done || after > 1_500_000_000)
                late.Add($"trial {trial}: down {down / 1e9:F3} s, {(done ? $"up {after / 1e9:F3} s after the link" : c.ToString())}");
            // The SYN went out once the link was up: the server saw exactly one SYN and one ACK.
            if (done)
                Assert.Equal(2, pair.Server.TcpCounters.SegmentsReceived);
            Assert.Equal(0, pair.Client.Arp.QueuedFrames);
        }
        Assert.True(late.Count == 0, string.Join("\n", late));
    }

    [Fact]
    public void Rfc1122_2_3_2_1_WhileTheLinkIsDown_ArpAsksOnceASecond_AndARetransmittedSynReplacesItsQueuedCopy()
    {
        var outage = new Impairment { DownNanoseconds = 2_500_000_000 };
        using var pair = new StackPair(impairment: outage);
        Assert.True(pair.Server.Listen(9000));
        long start = pair.Now;
        TcpConnection c = pair.Client.Connect(new TcpEndpoint(StackPair.ServerIp, 9000), pair.Now)!;
        Assert.True(pair.RunUntil(() => c.IsEstablished, 5 * Second, step: 1_000_000));
        // Asked at 0, 1, 2 (lost) and 3 s (answered): four requests, never two within a second.
        Assert.Equal(4, pair.Client.Counters.ArpRequestsSent - 1); // less the gratuitous announcement
        Assert.InRange(pair.Now - start, 3 * Second, 3 * Second + 10_000_000);
        // The SYN was retransmitted at 1 s and at 3 s while it waited: each copy replaced the one before.
        Assert.Equal(2, pair.Client.Counters.ArpQueueReplaced);
        Assert.Equal(0, pair.Client.Counters.ArpQueueDropped);
        Assert.Equal(1, pair.Server.TcpCounters.SegmentsReceived - 1); // one SYN, then the ACK
        Assert.True(pair.ClientPort.TransmitCounters.LinkDown >= 3);
    }

    [Fact]
    public void Rfc1122_2_3_2_2_AFrameNoRetransmissionRenews_IsDroppedAfterThreeSeconds_AndCounted()
    {
        var outage = new Impairment { DownNanoseconds = 10 * Second };
        using var pair = new StackPair(impairment: outage);
        pair.Step();
        Assert.True(pair.Client.SendUdp(StackPair.ServerIp, 5000, 6000, "tick"u8, pair.Now));
        Assert.Equal(1, pair.Client.Arp.QueuedFrames);
        pair.RunUntil(() => pair.Client.Arp.QueuedFrames == 0, 5 * Second, step: 1_000_000);
        Assert.Equal(0, pair.Client.Arp.QueuedFrames);
        Assert.Equal(1, pair.Client.Counters.ArpQueueDropped);
        Assert.Equal(pair.Capacity, pair.FreeBuffers);
    }
}
