using CsCheck;
using TickToTrade.Wire.Arp;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Icmp;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Tests;

/// <summary>ARP (RFC 826) and ICMP (RFC 792) views: round trips, refusals, and no throw on hostile bytes.</summary>
public sealed class ArpIcmpTests
{
    [Fact]
    public void Arp_RoundTrips_AndRefusesOtherProtocols()
    {
        Gen.Select(Gen.Bool, Gen.ULong[0, 0xFFFF_FFFF_FFFF], Gen.UInt, Gen.ULong[0, 0xFFFF_FFFF_FFFF], Gen.UInt).Sample((request, sm, si, tm, ti) =>
        {
            var repr = new ArpRepr(request ? ArpOperation.Request : ArpOperation.Reply, new MacAddress(sm), new Ipv4Address(si), new MacAddress(tm), new Ipv4Address(ti));
            var bytes = new byte[ArpRepr.Length];
            repr.Emit(bytes);
            Assert.Equal(WireStatus.Ok, ArpRepr.TryParse(bytes, out ArpRepr back));
            Assert.Equal(repr, back);
            bytes[3] = 0xDD; // protocol type 0x08DD: not IPv4
            Assert.Equal(WireStatus.Unsupported, ArpRepr.TryParse(bytes, out _));
        }, iter: 1000);
        Assert.Equal(WireStatus.Truncated, ArpRepr.TryParse(new byte[27], out _));
    }

    [Fact]
    public void Icmp_EmitsAVerifyingChecksum_AndDetectsCorruption()
    {
        Gen.Byte.Array[0, 64].Sample(data =>
        {
            var message = new byte[IcmpPacket.HeaderLength + data.Length];
            data.CopyTo(message, IcmpPacket.HeaderLength);
            IcmpPacket.Emit(message, IcmpType.EchoRequest, 0, 0xBEEF, 42);
            Assert.Equal(WireStatus.Ok, IcmpPacket.TryCreate(message, out IcmpPacket p));
            Assert.Equal((IcmpType.EchoRequest, (ushort)0xBEEF, (ushort)42), (p.Type, p.Identifier, p.SequenceNumber));
            Assert.Equal(data, p.Data.ToArray());
            message[^1] ^= 0x10;
            Assert.Equal(WireStatus.BadChecksum, IcmpPacket.TryCreate(message, out _));
        }, iter: 1000);
    }

    [Fact]
    public void HostileBytes_NeverThrow()
    {
        Gen.Byte.Array[0, 40].Sample(bytes =>
        {
            _ = ArpRepr.TryParse(bytes, out _);
            if (IcmpPacket.TryCreate(bytes, out IcmpPacket p) == WireStatus.Ok)
                _ = (p.Type, p.Code, p.Identifier, p.Data.Length);
        }, iter: 20000);
    }
}
