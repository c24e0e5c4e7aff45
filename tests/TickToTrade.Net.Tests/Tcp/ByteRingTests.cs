using TickToTrade.Net.Tcp;
using TickToTrade.Wire;

namespace TickToTrade.Net.Tests.Tcp;

/// <summary>The send ring's copy-and-checksum: every offset, length and wrap point, against a plain copy and RFC 1071's sum.</summary>
public sealed class ByteRingTests
{
    [Fact]
    public void PeekAndSum_CopiesWhatPeekCopies_AndSumsIt_WhereverTheRingWraps()
    {
        var random = new Random(9293);
        using var ring = new ByteRing(1024);
        byte[] chunk = new byte[700];
        for (int trial = 0; trial < 2000; trial++)
        {
            random.NextBytes(chunk);
            int fill = random.Next(1, chunk.Length);
            ring.Write(chunk.AsSpan(0, fill));
            int offset = random.Next(0, ring.Count);
            int length = random.Next(0, ring.Count - offset + 1);
            byte[] plain = new byte[length], summed = new byte[length];
            Assert.Equal(length, ring.Peek(offset, plain));
            Assert.Equal(length, ring.PeekAndSum(offset, summed, out ulong sum));
            Assert.Equal(plain, summed);
            Assert.Equal(InternetChecksum.Compute(plain), InternetChecksum.Finish(sum));
            ring.Consume(random.Next(0, ring.Count + 1)); // moves the read point, so the wrap falls anywhere, odd or even
        }
    }
}
