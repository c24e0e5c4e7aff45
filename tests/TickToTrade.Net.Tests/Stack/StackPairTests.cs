using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;

namespace TickToTrade.Net.Tests.Stack;

/// <summary>Our stack against our stack over the in-memory pair: handshake, data both ways, orderly close.</summary>
public sealed class StackPairTests
{
    [Fact]
    public void Handshake_NegotiatesEveryOption_ThenDataFlowsBothWays_AndCloses()
    {
        using var pair = new StackPair();
        var (c, s) = pair.Connect();
        Assert.True(c.TimestampsEnabled && s.TimestampsEnabled);
        Assert.True(c.SackEnabled && s.SackEnabled);
        Assert.Equal(new TcpConfig().ReceiveWindowShift, c.SendWindowShift);
        Assert.Equal(1460, c.PeerMss);

        byte[] hello = "hello, venue"u8.ToArray();
        Assert.Equal(hello.Length, c.Send(hello));
        var buffer = new byte[100];
        Assert.True(pair.RunUntil(() => s.ReceivableBytes == hello.Length));
        Assert.Equal(hello.Length, s.Receive(buffer));
        Assert.Equal(hello, buffer[..hello.Length]);

        byte[] reply = "ack from venue"u8.ToArray();
        s.Send(reply);
        Assert.True(pair.RunUntil(() => c.ReceivableBytes == reply.Length));
        Assert.Equal(reply.Length, c.Receive(buffer));
        Assert.Equal(reply, buffer[..reply.Length]);

        c.Close();
        Assert.True(pair.RunUntil(() => s.State == TcpState.CloseWait && c.State == TcpState.FinWait2));
        Assert.True(s.ReceiveFinished);
        s.Close();
        Assert.True(pair.RunUntil(() => s.State == TcpState.Closed && c.State == TcpState.TimeWait));
        Assert.Equal(0, pair.Client.TcpCounters.Retransmits + pair.Server.TcpCounters.Retransmits);
    }

    [Fact]
    public void Vlan_TaggedEnds_Talk_AndAnUntaggedEndIsNotHeard()
    {
        using (var tagged = new StackPair(clientVlan: 141, serverVlan: 141))
        {
            var (c, s) = tagged.Connect();
            c.Send("tagged"u8);
            Assert.True(tagged.RunUntil(() => s.ReceivableBytes == 6));
        }
        using var mismatched = new StackPair(clientVlan: 141, serverVlan: -1);
        Assert.True(mismatched.Server.Listen(9000));
        TcpConnection c2 = mismatched.Client.Connect(new TcpEndpoint(StackPair.ServerIp, 9000), mismatched.Now)!;
        Assert.False(mismatched.RunUntil(() => c2.IsEstablished, maxNanoseconds: 3_000_000_000));
        Assert.True(mismatched.Server.Counters.NotForUs > 0);
    }

    [Fact]
    public void Cubic_CarriesSixteenMiBIntact_ThroughFivePercentLoss()
    {
        var cubic = new TcpConfig { Congestion = CongestionAlgorithm.Cubic };
        using var pair = new StackPair(cubic, cubic, impairment: new TickToTrade.Net.Impair.Impairment { Loss = 0.05, Reorder = 0.05 }, seed: 3);
        var (c, s) = pair.Connect();
        var transfer = new Transfer(c, s, 16L << 20, seed: 5);
        Assert.True(pair.RunUntil(() => { transfer.Pump(); return transfer.Done; }, maxNanoseconds: 600_000_000_000));
        var up = transfer.UpHashes; // read once: reading finishes the hashes
        var down = transfer.DownHashes;
        Assert.Equal(up.Sent, up.Received);
        Assert.Equal(down.Sent, down.Received);
        Assert.True(pair.Client.TcpCounters.SackRecoveries > 0);
    }

    [Fact]
    public void SteadyState_SixtyFourMiBTransfer_AllocatesNothing()
    {
        using var pair = new StackPair();
        var (c, s) = pair.Connect();
        var chunk = new byte[64 * 1024];
        var sink = new byte[256 * 1024];
        long sent = 0, received = 0, total = 64L << 20;
        void Pump()
        {
            int n = c.Send(chunk.AsSpan(0, (int)Math.Min(chunk.Length, total - sent)));
            sent += n;
            received += s.Receive(sink);
        }
        // Warm-up: a first megabyte through every path.
        total = 1 << 20;
        while (received < total) { Pump(); pair.Step(); }
        total += 64L << 20;
        long before = GC.GetAllocatedBytesForCurrentThread();
        int gen0 = GC.CollectionCount(0);
        long guard = 0;
        while (received < total && guard++ < 50_000_000) { Pump(); pair.Step(); }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        int collections = GC.CollectionCount(0) - gen0;
        Assert.Equal(total, received);
        Assert.Equal(0, allocated);
        Assert.Equal(0, collections);
    }
}
