using TickToTrade.Wire.Ethernet;

namespace TickToTrade.Wire.Tests;

public sealed class EthernetFrameTests
{
    private static byte[] Frame(params ushort[] types)
    {
        var f = new byte[12 + types.Length * 4 + 2 + 4];
        for (int i = 0; i < 6; i++)
        {
            f[i] = (byte)(0x01 + i);
            f[6 + i] = (byte)(0xA0 + i);
        }
        int o = 12;
        for (int i = 0; i < types.Length - 1; i++, o += 4)
        {
            BigEndian.WriteU16(f, o, types[i]);
            BigEndian.WriteU16(f, o + 2, (ushort)(0x2000 | (100 + i))); // PCP 1, VID 100+i
        }
        BigEndian.WriteU16(f, o, types[^1]);
        return f;
    }

    [Fact]
    public void Untagged_HasHeader14_AndNoVlan()
    {
        Assert.Equal(WireStatus.Ok, EthernetFrame.TryCreate(Frame(EtherType.Ipv4), out EthernetFrame f));
        Assert.Equal(14, f.HeaderLength);
        Assert.Equal(-1, f.VlanId);
        Assert.Equal(EtherType.Ipv4, f.EtherType);
        Assert.Equal(0x010203040506UL, f.Destination.Value);
        Assert.Equal(0xA0A1A2A3A4A5UL, f.Source.Value);
    }

    [Fact]
    public void SingleTag_GivesVlanId_AndInnerType()
    {
        Assert.Equal(WireStatus.Ok, EthernetFrame.TryCreate(Frame(EtherType.Vlan, EtherType.Ipv4), out EthernetFrame f));
        Assert.Equal(18, f.HeaderLength);
        Assert.Equal(100, f.VlanId); // the priority bits are not part of the id
        Assert.Equal(EtherType.Ipv4, f.EtherType);
    }

    [Fact]
    public void QinQ_GivesTheInnerTag()
    {
        Assert.Equal(WireStatus.Ok, EthernetFrame.TryCreate(Frame(EtherType.QinQ, EtherType.Vlan, EtherType.Ipv4), out EthernetFrame f));
        Assert.Equal(22, f.HeaderLength);
        Assert.Equal(101, f.VlanId);
    }

    [Fact]
    public void ThreeTags_AreRefused()
    {
        Assert.Equal(WireStatus.TooManyVlanTags, EthernetFrame.TryCreate(Frame(EtherType.Vlan, EtherType.Vlan, EtherType.Vlan, EtherType.Ipv4), out _));
    }

    [Fact]
    public void Truncated_AtEveryLength_IsRefused()
    {
        byte[] f = Frame(EtherType.Vlan, EtherType.Ipv4);
        for (int n = 0; n < 18; n++)
            Assert.Equal(WireStatus.Truncated, EthernetFrame.TryCreate(f.AsSpan(0, n), out _));
    }

    [Fact]
    public void Repr_RoundTrips_WithAndWithoutVlan()
    {
        foreach (int vlan in new[] { -1, 141 })
        {
            var repr = new EthernetRepr(MacAddress.ForIpv4Multicast(0xE9360C6F), new MacAddress(0xD4AFF7CB20D5), EtherType.Ipv4, vlan);
            var buffer = new byte[repr.Length];
            Assert.Equal(repr.Length, repr.Emit(buffer));
            Assert.Equal(WireStatus.Ok, EthernetRepr.TryParse(buffer, out EthernetRepr back));
            Assert.Equal(repr, back);
        }
    }

    [Fact]
    public void MulticastMac_OfTheRealFeedGroup_Is_01005e360c6f()
    {
        // 233.54.12.111 → 01:00:5e:36:0c:6f, as in the real capture's destination (RFC 1112 §6.4).
        Assert.Equal("01:00:5e:36:0c:6f", MacAddress.ForIpv4Multicast(0xE9360C6F).ToString());
        Assert.True(MacAddress.ForIpv4Multicast(0xE9360C6F).IsMulticast);
    }
}
