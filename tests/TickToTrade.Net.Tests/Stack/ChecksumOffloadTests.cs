using TickToTrade.Net.Capture;
using TickToTrade.Net.Impair;
using TickToTrade.Net.Stack;
using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Memory;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.PacketIO.Time;
using TickToTrade.Wire;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Stack;

/// <summary>
/// TX TCP checksum offload: used when the port reports it, and never when a capture or a
/// TX impairment sees the frame before the device (a recorded frame must carry its real
/// checksum; a corrupted one must keep the checksum of what we meant to send).
/// </summary>
public sealed class ChecksumOffloadTests
{
    [Fact]
    public void TheWrappers_PassOffloadThrough_OnlyWhenNothingWatchesOrChangesTheFrames()
    {
        using var pair = new MemoryPortPair(64, 64);
        var inner = new OffloadingPort(pair.A);
        var clock = new ManualClock();
        Assert.True(new CapturingPort<OffloadingPort>(inner, null, clock).TcpChecksumOffload);
        string file = Path.GetTempFileName();
        try
        {
            using (PcapWriter writer = PcapWriter.Create(file))
                Assert.False(new CapturingPort<OffloadingPort>(inner, writer, clock).TcpChecksumOffload);
        }
        finally
        {
            File.Delete(file);
        }
        Assert.True(new ImpairedPort<OffloadingPort>(inner, Impairment.None, Impairment.None, 1, clock).TcpChecksumOffload);
        Assert.True(new ImpairedPort<OffloadingPort>(inner, new Impairment { Loss = 0.1 }, Impairment.None, 1, clock).TcpChecksumOffload); // RX only
        Assert.False(new ImpairedPort<OffloadingPort>(inner, Impairment.None, new Impairment { Corrupt = 0.01 }, 1, clock).TcpChecksumOffload);
        Assert.False(new ImpairedPort<OffloadingPort>(inner, Impairment.None, new Impairment { DownNanoseconds = 1 }, 1, clock).TcpChecksumOffload);
        Assert.False(pair.A.TcpChecksumOffload);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithOffload_TheSegmentCarriesThePseudoHeaderSum_WithoutIt_TheFullChecksum(bool offload)
    {
        using var pair = new MemoryPortPair(256, 64);
        var random = new Xoshiro256(3);
        var us = Ipv4Address.Parse("198.51.100.2");
        var them = Ipv4Address.Parse("198.51.100.1");
        var config = new InterfaceConfig(new MacAddress(0x02_00_00_00_00_02), us, 24);
        NetStack<OffloadingPort>? a = offload ? new NetStack<OffloadingPort>(new OffloadingPort(pair.A), config, new TcpConfig(), ref random) : null;
        NetStack<MemoryPort>? b = offload ? null : new NetStack<MemoryPort>(pair.A, config, new TcpConfig(), ref random);
        a?.Arp.Update(them, new MacAddress(0x02_00_00_00_00_01), 0, create: true);
        b?.Arp.Update(them, new MacAddress(0x02_00_00_00_00_01), 0, create: true);
        if (a is not null)
            a.Connect(new TcpEndpoint(them, 9000), 0);
        else
            b!.Connect(new TcpEndpoint(them, 9000), 0);
        var frames = new PacketBuffer[8];
        int n = pair.B.Receive(frames);
        bool found = false;
        for (int i = 0; i < n; i++)
        {
            EthernetFrame.TryCreate(frames[i].Span, out EthernetFrame eth);
            if (eth.EtherType != EtherType.Ipv4)
                continue;
            Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(eth.Payload, out Ipv4Packet ip));
            Assert.Equal(WireStatus.Ok, TcpSegment.TryCreate(ip.Payload, out TcpSegment syn));
            ushort field = BigEndian.U16(ip.Payload, 16);
            ushort pseudo = (ushort)~InternetChecksum.Finish(InternetChecksum.AddPseudoHeader(0, us.Value, them.Value, IpProtocol.Tcp, ip.Payload.Length));
            if (offload)
                Assert.Equal(pseudo, field); // the NIC completes it
            else
                Assert.True(syn.ChecksumValid(us, them));
            found = true;
        }
        pair.B.Free(frames.AsSpan(0, n));
        Assert.True(found, "no SYN was sent");
        a?.Dispose();
        b?.Dispose();
    }
}
