using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Tests;

public sealed class Ipv4PacketTests
{
    private static readonly Ipv4Address Src = Ipv4Address.Parse("198.51.100.10");
    private static readonly Ipv4Address Dst = Ipv4Address.Parse("233.54.12.111");

    private static byte[] Packet(int payload = 8)
    {
        var repr = new Ipv4Repr(Src, Dst, IpProtocol.Udp, payload, Ttl: 17, Identification: 0x1234);
        var b = new byte[repr.TotalLength];
        repr.Emit(b);
        return b;
    }

    [Fact]
    public void EmittedHeader_Parses_WithEveryField()
    {
        byte[] b = Packet();
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(b, out Ipv4Packet p));
        Assert.Equal(20, p.HeaderLength);
        Assert.Equal(28, p.TotalLength);
        Assert.Equal(17, p.Ttl);
        Assert.Equal(0x1234, p.Identification);
        Assert.True(p.DontFragment);
        Assert.Equal(IpProtocol.Udp, p.Protocol);
        Assert.Equal(Src, p.Source);
        Assert.Equal(Dst, p.Destination);
        Assert.Equal(8, p.Payload.Length);
        Assert.Equal(0, InternetChecksum.Compute(b.AsSpan(0, 20)));
    }

    [Fact]
    public void BadChecksum_IsRefused_UnlessVerificationIsOff()
    {
        byte[] b = Packet();
        b[8] ^= 1; // TTL changed, checksum not
        Assert.Equal(WireStatus.BadChecksum, Ipv4Packet.TryCreate(b, out _));
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(b, out _, verifyChecksum: false));
    }

    [Theory]
    [InlineData(0x2000)] // MF
    [InlineData(0x0001)] // offset 8 bytes
    [InlineData(0x4001)] // DF with an offset: still a fragment
    public void Fragments_AreRefused(int flagsAndOffset)
    {
        byte[] b = Packet();
        BigEndian.WriteU16(b, 6, (ushort)flagsAndOffset);
        BigEndian.WriteU16(b, 10, 0);
        BigEndian.WriteU16(b, 10, InternetChecksum.Compute(b.AsSpan(0, 20)));
        Assert.Equal(WireStatus.Fragment, Ipv4Packet.TryCreate(b, out _));
    }

    [Fact]
    public void Options_AreSkipped_ByIhl()
    {
        // IHL 6: one 4-byte option word (NOPs and an End of Option List).
        byte[] b = new byte[24 + 4];
        Packet(0).AsSpan(0, 20).CopyTo(b);
        b[0] = 0x46;
        BigEndian.WriteU16(b, 2, 28);
        b[20] = 1; b[21] = 1; b[22] = 1; b[23] = 0;
        b[24] = 0xAB;
        BigEndian.WriteU16(b, 10, 0);
        BigEndian.WriteU16(b, 10, InternetChecksum.Compute(b.AsSpan(0, 24)));
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(b, out Ipv4Packet p));
        Assert.Equal(24, p.HeaderLength);
        Assert.Equal(4, p.Options.Length);
        Assert.Equal(0xAB, p.Payload[0]);
    }

    [Fact]
    public void EthernetPadding_IsNotPayload()
    {
        byte[] b = Packet(2).Concat(new byte[16]).ToArray();
        Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(b, out Ipv4Packet p));
        Assert.Equal(2, p.Payload.Length);
    }

    [Fact]
    public void LengthsThatLie_AreRefused()
    {
        byte[] b = Packet();
        Assert.Equal(WireStatus.Truncated, Ipv4Packet.TryCreate(b.AsSpan(0, 27), out _)); // total length 28 > 27 bytes
        Assert.Equal(WireStatus.Truncated, Ipv4Packet.TryCreate(b.AsSpan(0, 19), out _));
        byte[] ihl4 = Packet();
        ihl4[0] = 0x44;
        Assert.Equal(WireStatus.BadHeaderLength, Ipv4Packet.TryCreate(ihl4, out _));
        byte[] v6 = Packet();
        v6[0] = 0x65;
        Assert.Equal(WireStatus.BadVersion, Ipv4Packet.TryCreate(v6, out _));
        byte[] shortTotal = Packet();
        BigEndian.WriteU16(shortTotal, 2, 19);
        Assert.Equal(WireStatus.BadHeaderLength, Ipv4Packet.TryCreate(shortTotal, out _, verifyChecksum: false));
    }

    [Fact]
    public void Address_ParsesAndPrints()
    {
        Assert.Equal("198.51.100.10", Src.ToString());
        Assert.True(Dst.IsMulticast);
        Assert.False(Src.IsMulticast);
        Assert.False(Ipv4Address.TryParse("198.51.100", out _));
        Assert.False(Ipv4Address.TryParse("198.51.100.256", out _));
    }
}
