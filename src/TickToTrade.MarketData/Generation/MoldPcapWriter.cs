using TickToTrade.PacketIO.Randomness;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.PacketIO.Capture;
using TickToTrade.Wire;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;
using TickToTrade.Wire.Udp;

namespace TickToTrade.MarketData.Generation;

/// <summary>
/// Packs messages into MoldUDP64 packets (a burst per packet, up to the UDP
/// payload limit) inside Ethernet/IPv4/UDP multicast frames, and writes them to
/// a pcap. Optionally drops every K-th packet (gaps) and writes every packet on
/// both the A and the B line. Ends with an End of Session packet.
/// </summary>
public sealed class MoldPcapWriter : IMessageWriter
{
    /// <summary>The A line: the group and port of the real capture in tests/fixtures.</summary>
    public static readonly (Ipv4Address Group, ushort Port) LineA = (Ipv4Address.Parse("233.54.12.111"), 26477);
    /// <summary>The B line.</summary>
    public static readonly (Ipv4Address Group, ushort Port) LineB = (Ipv4Address.Parse("233.54.12.112"), 26478);
    /// <summary>The publisher, on a documentation range.</summary>
    public static readonly Ipv4Address Source = Ipv4Address.Parse("198.51.100.10");
    public const ushort SourcePort = 49653;
    /// <summary>Midnight UTC of the generated day (ITCH timestamps count from midnight).</summary>
    public static readonly long DayStartNanoseconds = new DateTimeOffset(2023, 8, 22, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;

    private const int FrameHeaders = 14 + Ipv4Repr.HeaderLength + UdpRepr.HeaderLength;

    private readonly PcapWriter _pcap;
    private readonly MoldSession _session;
    private readonly int _maxPayload;
    private readonly int _gapEvery;
    private readonly bool _ab;
    private readonly byte[] _payload;
    private readonly byte[] _frame;
    private Xoshiro256 _jitter;
    private int _length = MoldPacket.HeaderLength;
    private int _count;
    private ulong _firstTimestamp;
    private ulong _nextSequence = 1;
    private ushort _ipId;

    public MoldPcapWriter(Stream output, GeneratorOptions options)
    {
        _pcap = new PcapWriter(output);
        _session = MoldSession.FromString(options.Session);
        _maxPayload = options.MaxUdpPayload;
        _gapEvery = options.GapEvery;
        _ab = options.ABLines;
        _payload = new byte[_maxPayload];
        _frame = new byte[FrameHeaders + _maxPayload];
        _jitter = new Xoshiro256(options.Seed ^ 0xA5A5_5A5A_0F0F_F0F0UL);
    }

    /// <summary>Packets produced (including those dropped for gaps), per line.</summary>
    public long Packets { get; private set; }
    /// <summary>Packets dropped on purpose (--gap-every).</summary>
    public long DroppedPackets { get; private set; }
    /// <summary>Frames written to the pcap.</summary>
    public long Frames => _pcap.Records;

    public void Write(ReadOnlySpan<byte> message, ulong timestamp, bool startsBurst)
    {
        int block = 2 + message.Length;
        if (_count > 0 && (startsBurst || _length + block > _maxPayload || _count == ushort.MaxValue - 1))
            Flush();
        if (_count == 0)
            _firstTimestamp = timestamp;
        BigEndian.WriteU16(_payload, _length, (ushort)message.Length);
        message.CopyTo(_payload.AsSpan(_length + 2));
        _length += block;
        _count++;
    }

    public void Finish()
    {
        if (_count > 0)
            Flush();
        // End of Session (MoldUDP64 "End of Session"): count 0xFFFF, carrying the next sequence number.
        new MoldPacketRepr(_session, _nextSequence, MoldPacket.EndOfSessionCount).Emit(_payload);
        Emit(MoldPacket.HeaderLength, _firstTimestamp + 1000);
        _pcap.Dispose();
    }

    private void Flush()
    {
        new MoldPacketRepr(_session, _nextSequence, (ushort)_count).Emit(_payload);
        _nextSequence += (ulong)_count;
        Packets++;
        if (_gapEvery > 0 && Packets % _gapEvery == 0)
            DroppedPackets++;
        else
            Emit(_length, _firstTimestamp);
        _length = MoldPacket.HeaderLength;
        _count = 0;
    }

    private void Emit(int payloadLength, ulong timestamp)
    {
        long at = DayStartNanoseconds + (long)timestamp;
        if (!_ab)
        {
            WriteFrame(LineA, payloadLength, at);
            return;
        }
        // The B copy trails by 1-20 us, but a third of the time it wins the race.
        long skew = 1000 + _jitter.Next(19_000);
        if (_jitter.Chance(1.0 / 3))
        {
            WriteFrame(LineB, payloadLength, at);
            WriteFrame(LineA, payloadLength, at + skew);
        }
        else
        {
            WriteFrame(LineA, payloadLength, at);
            WriteFrame(LineB, payloadLength, at + skew);
        }
    }

    private void WriteFrame((Ipv4Address Group, ushort Port) line, int payloadLength, long at)
    {
        Span<byte> f = _frame;
        var udp = new UdpRepr(SourcePort, line.Port, payloadLength);
        var ip = new Ipv4Repr(Source, line.Group, IpProtocol.Udp, udp.Length, Ttl: 64, Identification: _ipId++);
        var eth = new EthernetRepr(MacAddress.ForIpv4Multicast(line.Group.Value), new MacAddress(0x02_00_5E_10_00_01), EtherType.Ipv4);
        int offset = eth.Emit(f);
        ip.Emit(f[offset..]);
        offset += Ipv4Repr.HeaderLength;
        _payload.AsSpan(0, payloadLength).CopyTo(f[(offset + UdpRepr.HeaderLength)..]);
        udp.Emit(f[offset..], ip.Source, ip.Destination);
        _pcap.Write(at, f[..(offset + udp.Length)]);
    }

    public void Dispose() => _pcap.Dispose();
}
