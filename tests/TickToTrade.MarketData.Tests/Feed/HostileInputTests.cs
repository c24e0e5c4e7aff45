using TickToTrade.PacketIO.Randomness;
using CsCheck;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.Wire;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.MarketData.Tests.Support;

namespace TickToTrade.MarketData.Tests.Feed;

/// <summary>
/// Truncated, oversized, bit-flipped and random frames mixed into a valid feed:
/// nothing throws, every frame is accounted for, and the valid frames around
/// them are parsed exactly as without them.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly GeneratorOptions Options = new() { Symbols = 10, Messages = 1_500, Seed = 21 };
    private static readonly List<byte[]> Messages = Generated.Messages(Options);
    private static readonly List<byte[]> Frames = CaptureFrames.Read(Generated.Pcap(Options));

    private enum Kind { Truncated, Oversized, BitFlipped, Random }

    private static (RecordingSink Sink, FeedCounters C) Run(List<byte[]> frames)
    {
        using var sequencer = new MoldSequencer(new SequencerOptions { StartSequence = 1 });
        var sink = RecordingSink.Create();
        var none = new NoRetransmitRequester();
        var c = new FeedCounters();
        foreach (byte[] frame in frames)
        {
            if (FeedDecoder.TryDecode(frame, FeedFilter.Any, ref c, out ReadOnlySpan<byte> payload))
                sequencer.Process(payload, 0, ref c, ref sink, ref none);
        }
        return (sink, c);
    }

    /// <summary>Inserts a hostile variant of frame i right after it (a replay never precedes its original), or a random frame anywhere.</summary>
    private static (List<byte[]> Frames, int[] Injected) Mix(ulong seed, double rate)
    {
        var rng = new Xoshiro256(seed);
        var mixed = new List<byte[]>(Frames.Count * 2);
        var injected = new int[4];
        foreach (byte[] original in Frames)
        {
            mixed.Add(original);
            while (rng.Chance(rate))
            {
                var kind = (Kind)rng.Next(4);
                injected[(int)kind]++;
                mixed.Add(kind switch
                {
                    Kind.Truncated => original[..(int)rng.Next((uint)original.Length)],
                    Kind.Oversized => [.. original, .. Noise(ref rng, 1 + (int)rng.Next(3000))],
                    Kind.BitFlipped => Flip(original, ref rng),
                    _ => Noise(ref rng, (int)rng.Next(1600)),
                });
            }
        }
        return (mixed, injected);
    }

    private static byte[] Noise(ref Xoshiro256 rng, int length)
    {
        var b = new byte[length];
        for (int i = 0; i < length; i++)
            b[i] = (byte)rng.NextUInt64();
        return b;
    }

    private static byte[] Flip(byte[] original, ref Xoshiro256 rng)
    {
        byte[] b = [.. original];
        int bit = (int)rng.Next((uint)b.Length * 8);
        b[bit / 8] ^= (byte)(1 << (bit % 8));
        return b;
    }

    [Fact]
    public void CleanFeed_IsTheBaseline()
    {
        (RecordingSink sink, FeedCounters c) = Run(Frames);
        Assert.Equal(Messages.Count, sink.Delivered.Count);
        Assert.Equal(0, c.FramesDropped);
    }

    [Fact]
    public void HostileFrames_NeverThrow_AreCounted_AndLeaveTheValidFeedUntouched()
    {
        Gen.ULong.Select(Gen.Double[0.05, 0.8], (seed, rate) => (seed, rate)).Sample(t =>
        {
            (List<byte[]> mixed, _) = Mix(t.seed, t.rate);
            (RecordingSink sink, FeedCounters c) = Run(mixed);

            Assert.Equal(mixed.Count, c.Frames);
            // Every frame was either dropped for a counted reason, or became a packet of some session.
            Assert.Equal(c.Frames, c.FramesDropped + c.Packets + c.ForeignSession);
            Assert.Equal(Messages.Count, sink.Delivered.Count);
            for (int i = 0; i < Messages.Count; i++)
            {
                Assert.Equal((ulong)i + 1, sink.Delivered[i].Sequence);
                Assert.True(Messages[i].AsSpan().SequenceEqual(sink.Delivered[i].Message));
            }
        }, iter: 40);
    }

    [Fact]
    public void TruncatedCopies_AreAllCountedAsTruncated()
    {
        var rng = new Xoshiro256(7);
        var mixed = new List<byte[]>();
        int truncated = 0;
        foreach (byte[] f in Frames)
        {
            mixed.Add(f);
            mixed.Add(f[..(int)rng.Next((uint)f.Length)]);
            truncated++;
        }
        (RecordingSink sink, FeedCounters c) = Run(mixed);
        Assert.Equal(truncated, c.EthernetTruncated + c.Ipv4Truncated);
        Assert.Equal(truncated, c.FramesDropped);
        Assert.Equal(Messages.Count, sink.Delivered.Count);
    }

    [Fact]
    public void BitFlippedCopies_AreDroppedOrHarmlessDuplicates()
    {
        var rng = new Xoshiro256(8);
        var mixed = new List<byte[]>();
        foreach (byte[] f in Frames)
        {
            mixed.Add(f);
            mixed.Add(Flip(f, ref rng));
        }
        (RecordingSink sink, FeedCounters c) = Run(mixed);
        // A flip in a MAC address leaves a valid frame, which the sequencer sees as a duplicate;
        // any other single-bit flip is caught by a length, type or checksum check.
        long acceptedCopies = c.Packets - Frames.Count;
        Assert.Equal(Frames.Count, c.FramesDropped + acceptedCopies);
        Assert.InRange(c.DuplicatePackets, acceptedCopies - 1, acceptedCopies); // all but an End of Session copy
        Assert.Equal(Messages.Count, sink.Delivered.Count);
        Assert.True(c.UdpBadChecksum + c.Ipv4BadChecksum > 0);
    }

    /// <summary>A frame whose Ethernet, IPv4 and UDP headers and checksums are all valid, around any payload.</summary>
    private static byte[] ValidFrame(byte[] payload)
    {
        var udp = new UdpRepr(MoldPcapWriter.SourcePort, MoldPcapWriter.LineA.Port, payload.Length);
        var ip = new Ipv4Repr(MoldPcapWriter.Source, MoldPcapWriter.LineA.Group, IpProtocol.Udp, udp.Length);
        var eth = new EthernetRepr(MacAddress.ForIpv4Multicast(MoldPcapWriter.LineA.Group.Value), new MacAddress(0x020000000001), EtherType.Ipv4);
        var frame = new byte[eth.Length + ip.TotalLength];
        int o = eth.Emit(frame);
        ip.Emit(frame.AsSpan(o));
        o += Ipv4Repr.HeaderLength;
        payload.CopyTo(frame, o + UdpRepr.HeaderLength);
        udp.Emit(frame.AsSpan(o), ip.Source, ip.Destination);
        return frame;
    }

    [Fact]
    public void ForgedMoldPackets_WithValidChecksums_AreCountedAndDropped_AndTheFeedIsUntouched()
    {
        // Past the network checks, hostile content reaches MoldUDP64 and ITCH: lying counts and
        // block lengths, other sessions, replays of old sequence numbers with garbage blocks.
        MoldSession session = MoldSession.FromString(new GeneratorOptions().Session);
        Gen.ULong.Sample(seed =>
        {
            var rng = new Xoshiro256(seed);
            var mixed = new List<byte[]>();
            ulong next = 1;
            int forged = 0;
            foreach (byte[] frame in Frames)
            {
                mixed.Add(frame);
                var c0 = new FeedCounters();
                if (FeedDecoder.TryDecode(frame, FeedFilter.Any, ref c0, out ReadOnlySpan<byte> p) && MoldPacket.TryCreate(p, out MoldPacket real))
                    next = real.SequenceNumber + (ulong)real.DataMessageCount;
                if (!rng.Chance(0.3))
                    continue;
                byte[] payload = Noise(ref rng, MoldPacket.HeaderLength + (int)rng.Next(200));
                bool ours = rng.Chance(0.7);
                ulong first = 1 + rng.Next((uint)Math.Max(1, (long)next - 1));
                // Our session: a replay of sequence numbers already delivered, with garbage blocks
                // and any count up to what was delivered (0 is a heartbeat). Another session: anything.
                ushort count = ours ? (ushort)rng.Next((uint)(next - first + 1)) : (ushort)rng.Next(65536);
                new MoldPacketRepr(ours ? session : MoldSession.FromString("FORGED"), first, count).Emit(payload);
                mixed.Add(ValidFrame(payload));
                forged++;
            }
            (RecordingSink sink, FeedCounters c) = Run(mixed);
            Assert.Equal(mixed.Count, c.Frames);
            Assert.Equal(0, c.FramesDropped);
            Assert.Equal(forged, c.ForeignSession + c.DuplicatePackets + c.Heartbeats);
            Assert.Equal(0, c.Gaps + c.MalformedPackets);
            Assert.Equal(Messages.Count, sink.Delivered.Count);
            for (int i = 0; i < Messages.Count; i++)
                Assert.True(Messages[i].AsSpan().SequenceEqual(sink.Delivered[i].Message));
        }, iter: 20);
    }
}
