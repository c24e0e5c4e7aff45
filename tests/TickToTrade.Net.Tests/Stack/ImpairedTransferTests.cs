using TickToTrade.Net.Impair;
using TickToTrade.Net.Tests.Support;

namespace TickToTrade.Net.Tests.Stack;

/// <summary>
/// Our stack against our stack, 64 MiB each way at once, through the impairment
/// wrapper on the client's port (both directions): the bytes arrive intact
/// (SHA-256) within a bound of simulated time, and the recovery counters show
/// the faults were really there.
/// </summary>
public sealed class ImpairedTransferTests
{
    private const long Bytes = 64L << 20;

    public static TheoryData<double> LossRates() => new() { 0.0, 0.01, 0.05, 0.10 };

    [Theory]
    [MemberData(nameof(LossRates))]
    public void SixtyFourMiBEachWay_ArriveIntact_UnderLossReorderDuplicateAndCorruption(double loss)
    {
        var faults = new Impairment { Loss = loss, Reorder = 0.05, Duplicate = 0.01, Corrupt = 0.001 };
        using var pair = new StackPair(impairment: faults, seed: 42);
        var (c, s) = pair.Connect();
        var transfer = new Transfer(c, s, Bytes, seed: 7);
        long lastProgress = pair.Now, delivered = 0;
        bool done = pair.RunUntil(() =>
        {
            transfer.Pump();
            if (transfer.Delivered != delivered)
            {
                delivered = transfer.Delivered;
                lastProgress = pair.Now;
            }
            Assert.True(pair.Now - lastProgress < 30_000_000_000, $"stalled for 30 s of simulated time at {delivered} bytes\nclient {c}\nserver {s}\n" +
                $"client tcp {CounterDump.Of(pair.Client.TcpCounters)}\nclient net {CounterDump.Of(pair.Client.Counters)}\n" +
                $"server tcp {CounterDump.Of(pair.Server.TcpCounters)}\nserver net {CounterDump.Of(pair.Server.Counters)}\n" +
                $"impair rx {CounterDump.Of(pair.ClientPort.ReceiveCounters)} tx {CounterDump.Of(pair.ClientPort.TransmitCounters)} now={pair.Now}");
            return transfer.Done;
        }, maxNanoseconds: 3_600_000_000_000);
        Assert.True(done, $"only {transfer.Delivered} of {2 * Bytes} bytes arrived");
        var up = transfer.UpHashes;
        var down = transfer.DownHashes;
        Assert.Equal(up.Sent, up.Received);
        Assert.Equal(down.Sent, down.Received);

        var t = pair.Client.TcpCounters;
        var u = pair.Server.TcpCounters;
        var rx = pair.ClientPort.ReceiveCounters;
        var tx = pair.ClientPort.TransmitCounters;
        Assert.True(rx.Reordered + tx.Reordered > 0 && rx.Duplicated + tx.Duplicated > 0 && rx.Corrupted + tx.Corrupted > 0);
        Assert.True(t.ChecksumFailures + u.ChecksumFailures + pair.Client.Counters.Ipv4BadChecksum + pair.Server.Counters.Ipv4BadChecksum > 0,
            "corrupted frames must be caught by a checksum");
        if (loss > 0)
        {
            Assert.True(rx.Dropped + tx.Dropped > 0);
            Assert.True(t.Retransmits > 0 && u.Retransmits > 0);
            Assert.True(t.SackRecoveries + u.SackRecoveries > 0, "SACK must drive recovery");
        }
    }
}
