using System.Runtime.InteropServices;
using CsCheck;
using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Normalized;
using TickToTrade.PacketIO.Capture;
using TickToTrade.MarketData.Tests.Support;

namespace TickToTrade.MarketData.Tests.Itch;

/// <summary>The shuffle normalizer against the typed views, for every type, in every path.</summary>
public sealed class NormalizerTests
{
    private static byte[] Bytes(ItchEvent e) => MemoryMarshal.AsBytes(new ReadOnlySpan<ItchEvent>(in e)).ToArray();

    private static ItchEvent Expected(ReadOnlySpan<byte> message)
    {
        var builder = new ViewEventBuilder();
        Assert.Equal(ItchStatus.Ok, ItchDispatcher.Dispatch(message, ref builder));
        return builder.Event;
    }

    public static TheoryData<char> Types()
    {
        var data = new TheoryData<char>();
        foreach (byte t in ItchMessageLengths.Types)
            data.Add((char)t);
        return data;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void EveryField_MatchesTheView_InPlaceCopiedAndScalar(char type)
    {
        using var normalizer = new ItchNormalizer();
        int length = ItchMessageLengths.Of((byte)type);
        // A random message followed by random trailing bytes (the rest of a packet): none may leak into the event.
        Gen.Select(Gen.Byte.Array[length], Gen.Byte.Array[0, 80]).Sample((message, trailer) =>
        {
            message[0] = (byte)type;
            byte[] expected = Bytes(Expected(message));
            byte[] window = [.. message, .. trailer];

            var inPlace = new ItchEvent { Stock = ulong.MaxValue };
            Assert.Equal(ItchStatus.Ok, normalizer.Normalize(window, length, ref inPlace));
            var copied = new ItchEvent { Stock = ulong.MaxValue };
            Assert.Equal(ItchStatus.Ok, normalizer.Normalize(message, length, ref copied));
            var scalar = new ItchEvent { Stock = ulong.MaxValue };
            Assert.Equal(ItchStatus.Ok, normalizer.NormalizeScalar(message, ref scalar));

            Assert.Equal(expected, Bytes(inPlace));
            Assert.Equal(expected, Bytes(copied));
            Assert.Equal(expected, Bytes(scalar));
        }, iter: 500, threads: 1); // one thread: a normalizer belongs to one poll loop (its scratch line is shared)
    }

    [Fact]
    public void WrongLengthUnknownTypeAndEmpty_AreRefused_AndLeaveTheEventAlone()
    {
        using var normalizer = new ItchNormalizer();
        var e = new ItchEvent { OrderReference = 42 };
        var add = new byte[64];
        add[0] = (byte)'A';
        Assert.Equal(ItchStatus.WrongLength, normalizer.Normalize(add, 35, ref e));
        Assert.Equal(ItchStatus.WrongLength, normalizer.Normalize(add, 37, ref e));
        Assert.Equal(ItchStatus.WrongLength, normalizer.Normalize(add.AsSpan(0, 30), 36, ref e)); // length past the window
        add[0] = (byte)'?';
        Assert.Equal(ItchStatus.UnknownType, normalizer.Normalize(add, 36, ref e));
        Assert.Equal(ItchStatus.Empty, normalizer.Normalize(add, 0, ref e));
        Assert.Equal(ItchStatus.Empty, normalizer.Normalize(default, 0, ref e));
        Assert.Equal(42UL, e.OrderReference);
        Assert.Equal(0, e.Type);
    }

    [Fact]
    public void RealDayFile_EveryMessageMatchesTheView()
    {
        using var normalizer = new ItchNormalizer();
        using CaptureBytes bytes = CaptureBytes.Open(Fixtures.DayFile);
        var reader = new DayFileSpanReader(bytes.Slice(0, (int)bytes.Length));
        int n = 0;
        while (reader.TryRead(out ReadOnlySpan<byte> message, out ReadOnlySpan<byte> window))
        {
            var e = new ItchEvent();
            Assert.Equal(ItchStatus.Ok, normalizer.Normalize(window, message.Length, ref e));
            Assert.Equal(Bytes(Expected(message)), Bytes(e));
            n++;
        }
        Assert.Equal(1000, n);
        Assert.False(reader.Truncated);
    }

    [Fact]
    public void RealMoldPackets_EveryMessageMatchesTheView_WithTheRestOfThePacketAsWindow()
    {
        using var normalizer = new ItchNormalizer();
        using CaptureBytes bytes = CaptureBytes.Open(Fixtures.Itch50("Multiple.Packets.pcap"));
        var pcap = new PcapReader(bytes);
        var filter = new TickToTrade.MarketData.Feed.FeedFilter([]);
        var counters = new TickToTrade.MarketData.Feed.FeedCounters();
        int n = 0, adds = 0;
        while (pcap.TryRead(out PcapRecord record))
        {
            Assert.True(TickToTrade.MarketData.Feed.FeedDecoder.TryDecode(record.Data, filter, ref counters, out ReadOnlySpan<byte> payload));
            Assert.True(TickToTrade.MarketData.MoldUdp64.MoldPacket.TryCreate(payload, out var packet));
            var messages = packet.GetMessages();
            while (messages.TryRead(out ReadOnlySpan<byte> message, out ReadOnlySpan<byte> window))
            {
                var e = new ItchEvent();
                Assert.Equal(ItchStatus.Ok, normalizer.Normalize(window, message.Length, ref e));
                Assert.Equal(Bytes(Expected(message)), Bytes(e));
                adds += e.Type == (byte)'A' ? 1 : 0;
                n++;
            }
            Assert.False(messages.Malformed);
        }
        Assert.Equal(39, n); // 1 D, then 36 A and 2 F
        Assert.Equal(36, adds);
    }

    [Fact]
    public void SteadyState_AllocatesNothing()
    {
        using var normalizer = new ItchNormalizer();
        var message = new byte[64];
        message[0] = (byte)'U';
        var e = new ItchEvent();
        normalizer.Normalize(message, 35, ref e);
        normalizer.Normalize(message.AsSpan(0, 35), 35, ref e);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            message[20] = (byte)i;
            normalizer.Normalize(message, 35, ref e);
            normalizer.Normalize(message.AsSpan(0, 35), 35, ref e);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal((byte)'U', e.Type);
    }
}
