using CsCheck;

namespace TickToTrade.Wire.Tests;

public sealed class InternetChecksumTests
{
    [Fact]
    public void Rfc1071_Section3_Example_SumsTo_DDF2()
    {
        // RFC 1071 §3: the bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2; the checksum is its complement.
        byte[] data = [0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7];
        Assert.Equal((ushort)(0xFFFF - 0xDDF2), InternetChecksum.Compute(data));
    }

    [Fact]
    public void OddLength_PadsTheLastByteWithZero()
    {
        Assert.Equal(InternetChecksum.Compute([0x12, 0x34, 0x56, 0x00]), InternetChecksum.Compute([0x12, 0x34, 0x56]));
    }

    [Fact]
    public void SplitSums_EqualTheWholeSum()
    {
        Gen.Byte.Array[0, 300].Select(Gen.Int[0, 150], (bytes, cut) => (bytes, cut)).Sample(t =>
        {
            (byte[] bytes, int cut) = t;
            cut = Math.Min(cut & ~1, bytes.Length & ~1); // an even split keeps word alignment
            ulong parts = InternetChecksum.Add(InternetChecksum.Add(0, bytes.AsSpan(0, cut)), bytes.AsSpan(cut));
            return InternetChecksum.Finish(parts) == InternetChecksum.Compute(bytes);
        });
    }

    [Fact]
    public void CopyAndAdd_CopiesExactly_AndSumsAsAddDoes_ForEveryLengthAndStartingSum()
    {
        var random = new Random(1071);
        for (int length = 0; length < 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            ulong start = (ulong)random.NextInt64();
            byte[] copy = new byte[length + 3];
            ulong sum = InternetChecksum.CopyAndAdd(start >> 20, data, copy);
            Assert.Equal(data, copy[..length]);
            Assert.Equal(InternetChecksum.Finish(InternetChecksum.Add(start >> 20, data)), InternetChecksum.Finish(sum));
        }
    }

    [Fact]
    public void SwapBytes_MakesASumTakenFromAnOddOffsetRight()
    {
        var random = new Random(2);
        for (int trial = 0; trial < 200; trial++)
        {
            byte[] data = new byte[random.Next(2, 200)];
            random.NextBytes(data);
            int cut = random.Next(1, data.Length);
            ulong first = InternetChecksum.Add(0, data.AsSpan(0, cut));
            ulong rest = InternetChecksum.Add(0, data.AsSpan(cut));
            ulong joined = first + ((cut & 1) == 0 ? rest : InternetChecksum.SwapBytes(rest));
            Assert.Equal(InternetChecksum.Compute(data), InternetChecksum.Finish(joined));
        }
    }
}
