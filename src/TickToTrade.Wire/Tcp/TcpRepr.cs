using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Wire.Tcp;

/// <summary>A TCP header and its options for parse and emit (RFC 9293 §3.1).</summary>
public struct TcpRepr
{
    public ushort SourcePort;
    public ushort DestinationPort;
    public uint Sequence;
    public uint Acknowledgment;
    public TcpFlags Flags;
    /// <summary>The window field as sent (already scaled down).</summary>
    public ushort Window;
    public ushort UrgentPointer;
    public TcpOptions Options;

    /// <summary>Header bytes, options included, padded to a multiple of 4.</summary>
    public readonly int HeaderLength => TcpSegment.MinHeaderLength + ((Options.EncodedLength + 3) & ~3);

    public static WireStatus TryParse(TcpSegment s, out TcpRepr repr)
    {
        repr = new TcpRepr
        {
            SourcePort = s.SourcePort,
            DestinationPort = s.DestinationPort,
            Sequence = s.Sequence,
            Acknowledgment = s.Acknowledgment,
            Flags = s.Flags,
            Window = s.Window,
            UrgentPointer = s.UrgentPointer,
        };
        return TcpOptions.TryParse(s.Options, out repr.Options);
    }

    /// <summary>
    /// Writes the header at the start of <paramref name="segment"/>, whose payload
    /// (<paramref name="payloadLength"/> bytes after the header) must already be in
    /// place, and the checksum over the pseudo-header, header and payload
    /// (RFC 9293 §3.1). With <paramref name="offloadChecksum"/> only the
    /// pseudo-header sum is written, as a NIC with TCP checksum offload expects.
    /// Returns the header length.
    /// </summary>
    public readonly int Emit(Span<byte> segment, Ipv4Address source, Ipv4Address destination, int payloadLength, bool offloadChecksum = false) =>
        Emit(segment, source, destination, payloadLength, offloadChecksum, payloadSum: null);

    /// <summary>
    /// As <see cref="Emit(Span{byte}, Ipv4Address, Ipv4Address, int, bool)"/>, with the payload's
    /// checksum sum already taken (<see cref="InternetChecksum.CopyAndAdd"/>, while copying it in):
    /// only the header is summed here.
    /// </summary>
    public readonly int EmitWithPayloadSum(Span<byte> segment, Ipv4Address source, Ipv4Address destination, int payloadLength, ulong payloadSum) =>
        Emit(segment, source, destination, payloadLength, false, payloadSum);

    private readonly int Emit(Span<byte> segment, Ipv4Address source, Ipv4Address destination, int payloadLength, bool offloadChecksum, ulong? payloadSum)
    {
        int header = HeaderLength;
        BigEndian.WriteU16(segment, 0, SourcePort);
        BigEndian.WriteU16(segment, 2, DestinationPort);
        BigEndian.WriteU32(segment, 4, Sequence);
        BigEndian.WriteU32(segment, 8, Acknowledgment);
        segment[12] = (byte)(header / 4 << 4);
        segment[13] = (byte)Flags;
        BigEndian.WriteU16(segment, 14, Window);
        BigEndian.WriteU16(segment, 16, 0);
        BigEndian.WriteU16(segment, 18, UrgentPointer);
        int written = Options.Emit(segment[TcpSegment.MinHeaderLength..header]);
        segment[(TcpSegment.MinHeaderLength + written)..header].Fill(TcpOptionKind.EndOfList);
        int length = header + payloadLength;
        ulong sum = InternetChecksum.AddPseudoHeader(0, source.Value, destination.Value, IpProtocol.Tcp, length);
        ushort checksum = offloadChecksum
            ? (ushort)~InternetChecksum.Finish(sum)
            : payloadSum is ulong p
                ? InternetChecksum.Finish(InternetChecksum.Add(sum + p, segment[..header])) // header length is a multiple of 4: the payload starts on a word
                : InternetChecksum.Finish(InternetChecksum.Add(sum, segment[..length]));
        BigEndian.WriteU16(segment, 16, checksum);
        return header;
    }
}
