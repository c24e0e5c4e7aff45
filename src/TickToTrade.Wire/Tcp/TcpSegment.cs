using System.Runtime.CompilerServices;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Tcp;

/// <summary>
/// A checked, zero-copy view of a TCP segment (RFC 9293 §3.1): the data offset
/// is checked against the bytes before the options or payload are touched.
/// </summary>
public readonly ref struct TcpSegment
{
    private static class Field
    {
        public const int SourcePort = 0;
        public const int DestinationPort = 2;
        public const int Sequence = 4;
        public const int Acknowledgment = 8;
        public const int DataOffset = 12;
        public const int Flags = 13;
        public const int Window = 14;
        public const int Checksum = 16;
        public const int Urgent = 18;
        public const int MinHeader = 20;
    }

    public const int MinHeaderLength = Field.MinHeader;
    /// <summary>Data offset 15 words (RFC 9293 §3.1).</summary>
    public const int MaxHeaderLength = 60;

    private readonly ReadOnlySpan<byte> _b;

    private TcpSegment(ReadOnlySpan<byte> b) => _b = b;

    public ushort SourcePort => BigEndian.U16(_b, Field.SourcePort);
    public ushort DestinationPort => BigEndian.U16(_b, Field.DestinationPort);
    public uint Sequence => BigEndian.U32(_b, Field.Sequence);
    public uint Acknowledgment => BigEndian.U32(_b, Field.Acknowledgment);
    public int HeaderLength => (_b[Field.DataOffset] >> 4) * 4;
    public TcpFlags Flags => (TcpFlags)_b[Field.Flags];
    public ushort Window => BigEndian.U16(_b, Field.Window);
    public ushort Checksum => BigEndian.U16(_b, Field.Checksum);
    public ushort UrgentPointer => BigEndian.U16(_b, Field.Urgent);
    public ReadOnlySpan<byte> Options => _b[Field.MinHeader..HeaderLength];
    public ReadOnlySpan<byte> Payload => _b[HeaderLength..];
    public ReadOnlySpan<byte> Bytes => _b;

    /// <summary>
    /// The segment length as RFC 9293 §3.4 counts it: payload bytes, plus one for SYN and one for FIN.
    /// </summary>
    public int SequenceLength => _b.Length - HeaderLength + ((Flags & TcpFlags.Syn) != 0 ? 1 : 0) + ((Flags & TcpFlags.Fin) != 0 ? 1 : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static WireStatus TryCreate(ReadOnlySpan<byte> ipPayload, out TcpSegment segment)
    {
        segment = default;
        if (ipPayload.Length < Field.MinHeader)
            return WireStatus.Truncated;
        int header = (ipPayload[Field.DataOffset] >> 4) * 4;
        if (header < Field.MinHeader)
            return WireStatus.BadHeaderLength;
        if (header > ipPayload.Length)
            return WireStatus.Truncated;
        segment = new TcpSegment(ipPayload);
        return WireStatus.Ok;
    }

    /// <summary>RFC 9293 §3.1: the checksum over the pseudo-header, header and data.</summary>
    public bool ChecksumValid(Ipv4Address source, Ipv4Address destination)
    {
        ulong sum = InternetChecksum.AddPseudoHeader(0, source.Value, destination.Value, IpProtocol.Tcp, _b.Length);
        return InternetChecksum.Finish(InternetChecksum.Add(sum, _b)) == 0;
    }
}
