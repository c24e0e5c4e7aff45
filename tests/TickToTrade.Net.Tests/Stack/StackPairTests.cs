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
}
