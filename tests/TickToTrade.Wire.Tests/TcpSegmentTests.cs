using CsCheck;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Wire.Tests;

/// <summary>TCP header and options (RFC 9293 §3.1–3.2, RFC 7323, RFC 2018): emit → parse round trips, and hostile bytes never throw.</summary>
public sealed class TcpSegmentTests
{
    private static readonly Ipv4Address A = Ipv4Address.Parse("198.51.100.1"), B = Ipv4Address.Parse("198.51.100.2");

    private static readonly Gen<TcpOptions> Options =
        Gen.Select(Gen.UShort, Gen.SByte[-1, 14], Gen.Bool, Gen.Bool, Gen.UInt, Gen.UInt, Gen.Int[0, 3], Gen.UInt.Array[8])
           .Select((mss, ws, sackOk, ts, val, ecr, blocks, edges) =>
           {
               var o = new TcpOptions { Mss = mss, WindowScale = ws, SackPermitted = sackOk, HasTimestamps = ts, TsVal = ts ? val : 0, TsEcr = ts ? ecr : 0, SackCount = blocks };
               for (int i = 0; i < blocks; i++)
                   o.Sack[i] = new SackBlock(edges[2 * i], edges[2 * i + 1]);
               return o;
           });

    [Fact]
    public void EmitThenParse_GivesBackEveryFieldAndOption_AndAValidChecksum()
    {
        Gen.Select(Options, Gen.UInt, Gen.UInt, Gen.Byte, Gen.UShort, Gen.Byte.Array[0, 100]).Sample((o, seq, ack, flags, window, payload) =>
        {
            var repr = new TcpRepr { SourcePort = 1234, DestinationPort = 9000, Sequence = seq, Acknowledgment = ack, Flags = (TcpFlags)flags, Window = window, Options = o };
            var bytes = new byte[repr.HeaderLength + payload.Length];
            payload.CopyTo(bytes, repr.HeaderLength);
            Assert.Equal(repr.HeaderLength, repr.Emit(bytes, A, B, payload.Length));
            Assert.True(repr.HeaderLength <= TcpSegment.MaxHeaderLength && repr.HeaderLength % 4 == 0);
            Assert.Equal(WireStatus.Ok, TcpSegment.TryCreate(bytes, out TcpSegment seg));
            Assert.True(seg.ChecksumValid(A, B));
            Assert.False(seg.ChecksumValid(B, Ipv4Address.Parse("198.51.100.3")));
            Assert.Equal(WireStatus.Ok, TcpRepr.TryParse(seg, out TcpRepr back));
            Assert.Equal((seq, ack, (TcpFlags)flags, window), (back.Sequence, back.Acknowledgment, back.Flags, back.Window));
            Assert.Equal(o.Mss, back.Options.Mss);
            Assert.Equal(o.WindowScale, back.Options.WindowScale);
            Assert.Equal(o.SackPermitted, back.Options.SackPermitted);
            Assert.Equal((o.HasTimestamps, o.TsVal, o.TsEcr), (back.Options.HasTimestamps, back.Options.TsVal, back.Options.TsEcr));
            Assert.Equal(o.FittingSackCount, back.Options.SackCount); // as many as fit in 40 bytes, the first ones
            for (int i = 0; i < o.FittingSackCount; i++)
                Assert.Equal(o.Sack[i], back.Options.Sack[i]);
            Assert.Equal(payload, seg.Payload.ToArray());
        }, iter: 2000);
    }

    [Fact]
    public void HostileBytes_AreRefusedOrParsed_NeverThrown()
    {
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            WireStatus s = TcpSegment.TryCreate(bytes, out TcpSegment seg);
            if (s == WireStatus.Ok)
            {
                Assert.InRange(seg.HeaderLength, 20, bytes.Length);
                _ = TcpRepr.TryParse(seg, out _);
                _ = seg.ChecksumValid(A, B);
            }
            else
            {
                Assert.True(s is WireStatus.Truncated or WireStatus.BadHeaderLength);
            }
        }, iter: 20000);
    }

    [Theory]
    [InlineData(new byte[] { 2, 3, 0, 0 })]        // MSS with length 3
    [InlineData(new byte[] { 8, 10, 0, 0 })]       // timestamps running past the area
    [InlineData(new byte[] { 5, 10, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1 })] // SACK of 8 bytes + 2 that is not a multiple of 8... (10 − 2 = 8 is; this one claims 10 with 12 present)
    [InlineData(new byte[] { 3, 1, 0, 0 })]        // a length below 2
    [InlineData(new byte[] { 1, 1, 1, 4 })]        // kind 4 with no length byte left
    public void MalformedOptions_AreRefused(byte[] area)
    {
        WireStatus s = TcpOptions.TryParse(area, out _);
        if (area[0] == 5)
            Assert.Equal(WireStatus.Ok, s); // 2 + 8: one block, well formed
        else
            Assert.Equal(WireStatus.BadOption, s);
    }

    [Fact]
    public void Rfc7323_2_3_AWindowShiftOver14_IsUsedAs14()
    {
        Assert.Equal(WireStatus.Ok, TcpOptions.TryParse(new byte[] { 3, 3, 20, 0 }, out TcpOptions o));
        Assert.Equal(14, (int)o.WindowScale);
    }
}
