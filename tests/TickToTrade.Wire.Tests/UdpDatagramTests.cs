using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;

namespace TickToTrade.Wire.Tests;

public sealed class UdpDatagramTests
{
    private static readonly Ipv4Address Src = Ipv4Address.Parse("198.51.100.10");
    private static readonly Ipv4Address Dst = Ipv4Address.Parse("233.54.12.111");

    private static byte[] Datagram(byte[] payload)
    {
        var repr = new UdpRepr(49653, 26477, payload.Length);
        var b = new byte[repr.Length];
        payload.CopyTo(b, UdpRepr.HeaderLength);
        repr.Emit(b, Src, Dst);
        return b;
    }

    [Fact]
    public void EmittedDatagram_VerifiesAndParses()
    {
        byte[] b = Datagram([1, 2, 3, 4, 5]);
        Assert.Equal(WireStatus.Ok, UdpDatagram.TryCreate(b, out UdpDatagram d));
        Assert.Equal(49653, d.SourcePort);
        Assert.Equal(26477, d.DestinationPort);
        Assert.Equal(13, d.Length);
        Assert.True(d.ChecksumValid(Src, Dst));
        Assert.False(d.ChecksumValid(Src, Ipv4Address.Parse("233.54.12.112")));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, d.Payload.ToArray());
    }

    [Fact]
    public void CorruptedByte_FailsTheChecksum_ZeroChecksumMeansNone()
    {
        byte[] b = Datagram([1, 2, 3, 4, 5]);
        b[9] ^= 0x40;
        Assert.Equal(WireStatus.Ok, UdpDatagram.TryCreate(b, out UdpDatagram bad));
        Assert.False(bad.ChecksumValid(Src, Dst));
        BigEndian.WriteU16(b, 6, 0); // RFC 768: zero = no checksum computed
        Assert.Equal(WireStatus.Ok, UdpDatagram.TryCreate(b, out UdpDatagram none));
        Assert.True(none.ChecksumValid(Src, Dst));
    }

    [Fact]
    public void LengthField_IsChecked()
    {
        byte[] b = Datagram([1, 2, 3]);
        BigEndian.WriteU16(b, 4, 7);
        Assert.Equal(WireStatus.BadHeaderLength, UdpDatagram.TryCreate(b, out _));
        BigEndian.WriteU16(b, 4, 12);
        Assert.Equal(WireStatus.Truncated, UdpDatagram.TryCreate(b, out _));
        Assert.Equal(WireStatus.Truncated, UdpDatagram.TryCreate(b.AsSpan(0, 7), out _));
        BigEndian.WriteU16(b, 4, 9); // shorter than the buffer: the view ends there
        Assert.Equal(WireStatus.Ok, UdpDatagram.TryCreate(b, out UdpDatagram d));
        Assert.Equal(1, d.Payload.Length);
    }

    [Fact]
    public void Repr_RoundTrips()
    {
        byte[] b = Datagram(new byte[100]);
        Assert.Equal(WireStatus.Ok, UdpRepr.TryParse(b, out UdpRepr r));
        Assert.Equal(new UdpRepr(49653, 26477, 100), r);
    }
}
