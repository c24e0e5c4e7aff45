namespace TickToTrade.Wire.Tcp;

/// <summary>
/// The TCP options we speak, parsed or to emit. An absent option is 0 / -1 /
/// false. Unknown kinds are skipped by their length (RFC 9293 §3.1: "must be
/// prepared to handle an illegal option length ... without crashing").
/// </summary>
public struct TcpOptions
{
    /// <summary>Maximum segment size (RFC 9293 §3.7.1); 0 when absent.</summary>
    public ushort Mss;
    /// <summary>Window scale shift (RFC 7323 §2.2); -1 when absent.</summary>
    public sbyte WindowScale;
    /// <summary>SACK-permitted (RFC 2018 §2).</summary>
    public bool SackPermitted;
    /// <summary>Timestamps present (RFC 7323 §3.2).</summary>
    public bool HasTimestamps;
    public uint TsVal;
    public uint TsEcr;
    /// <summary>Number of SACK blocks in <see cref="Sack"/> (RFC 2018 §3).</summary>
    public int SackCount;
    public SackBlocks Sack;

    public static TcpOptions None => new() { WindowScale = -1 };

    /// <summary>The option space of a header (RFC 9293 §3.1: data offset at most 15 words).</summary>
    public const int MaxLength = 40;

    /// <summary>Bytes these options take on the wire, padded to a multiple of 4.</summary>
    public readonly int EncodedLength
    {
        get
        {
            int n = LengthWithoutSack;
            int sack = FittingSackCount;
            if (sack > 0) n += 4 + 8 * sack; // NOP NOP + 2 + 8n
            return n;
        }
    }

    private readonly int LengthWithoutSack
    {
        get
        {
            int n = 0;
            if (Mss != 0) n += 4;
            if (WindowScale >= 0) n += 4;          // NOP + 3
            if (SackPermitted) n += HasTimestamps ? 2 : 4; // shares a word with the timestamps, else NOP NOP + 2
            if (HasTimestamps) n += SackPermitted ? 10 : 12; // NOP NOP + 10 when alone
            return n;
        }
    }

    /// <summary>
    /// The SACK blocks that fit in what the other options leave of the 40 bytes:
    /// RFC 2018 §3 sends "as many as fit", the first (most recent) ones.
    /// </summary>
    public readonly int FittingSackCount => Math.Clamp((MaxLength - LengthWithoutSack - 4) / 8, 0, Math.Min(SackCount, SackBlocks.Max));

    /// <summary>Parses the options area of a header. Malformed lengths are refused (the segment is dropped and counted).</summary>
    public static WireStatus TryParse(ReadOnlySpan<byte> area, out TcpOptions o)
    {
        o = None;
        int i = 0;
        while (i < area.Length)
        {
            byte kind = area[i];
            if (kind == TcpOptionKind.EndOfList)
                break;
            if (kind == TcpOptionKind.NoOperation)
            {
                i++;
                continue;
            }
            if (i + 1 >= area.Length)
                return WireStatus.BadOption;
            int length = area[i + 1];
            if (length < 2 || i + length > area.Length)
                return WireStatus.BadOption;
            ReadOnlySpan<byte> v = area.Slice(i + 2, length - 2);
            switch (kind)
            {
                case TcpOptionKind.MaximumSegmentSize:
                    if (length != 4) return WireStatus.BadOption;
                    o.Mss = BigEndian.U16(v, 0);
                    break;
                case TcpOptionKind.WindowScale:
                    if (length != 3) return WireStatus.BadOption;
                    o.WindowScale = (sbyte)Math.Min(v[0], (byte)14); // RFC 7323 §2.3: a shift over 14 is used as 14
                    break;
                case TcpOptionKind.SackPermitted:
                    if (length != 2) return WireStatus.BadOption;
                    o.SackPermitted = true;
                    break;
                case TcpOptionKind.Sack:
                    if ((length - 2) % 8 != 0 || length == 2) return WireStatus.BadOption;
                    int blocks = Math.Min((length - 2) / 8, SackBlocks.Max);
                    for (int b = 0; b < blocks; b++)
                        o.Sack[b] = new SackBlock(BigEndian.U32(v, 8 * b), BigEndian.U32(v, 8 * b + 4));
                    o.SackCount = blocks;
                    break;
                case TcpOptionKind.Timestamps:
                    if (length != 10) return WireStatus.BadOption;
                    o.HasTimestamps = true;
                    o.TsVal = BigEndian.U32(v, 0);
                    o.TsEcr = BigEndian.U32(v, 4);
                    break;
            }
            i += length;
        }
        return WireStatus.Ok;
    }

    /// <summary>Writes the options (NOP-aligned, as Linux lays them out) and returns the bytes written.</summary>
    public readonly int Emit(Span<byte> area)
    {
        int i = 0;
        if (Mss != 0)
        {
            area[i] = TcpOptionKind.MaximumSegmentSize;
            area[i + 1] = 4;
            BigEndian.WriteU16(area, i + 2, Mss);
            i += 4;
        }
        if (SackPermitted && HasTimestamps)
        {
            area[i] = TcpOptionKind.SackPermitted;
            area[i + 1] = 2;
            i += 2;
            i = EmitTimestamps(area, i);
        }
        else if (HasTimestamps)
        {
            area[i] = area[i + 1] = TcpOptionKind.NoOperation;
            i = EmitTimestamps(area, i + 2);
        }
        else if (SackPermitted)
        {
            area[i] = area[i + 1] = TcpOptionKind.NoOperation;
            area[i + 2] = TcpOptionKind.SackPermitted;
            area[i + 3] = 2;
            i += 4;
        }
        if (WindowScale >= 0)
        {
            area[i] = TcpOptionKind.NoOperation;
            area[i + 1] = TcpOptionKind.WindowScale;
            area[i + 2] = 3;
            area[i + 3] = (byte)WindowScale;
            i += 4;
        }
        int sack = FittingSackCount;
        if (sack > 0)
        {
            area[i] = area[i + 1] = TcpOptionKind.NoOperation;
            area[i + 2] = TcpOptionKind.Sack;
            area[i + 3] = (byte)(2 + 8 * sack);
            i += 4;
            for (int b = 0; b < sack; b++)
            {
                BigEndian.WriteU32(area, i, Sack[b].Left);
                BigEndian.WriteU32(area, i + 4, Sack[b].Right);
                i += 8;
            }
        }
        return i;
    }

    private readonly int EmitTimestamps(Span<byte> area, int i)
    {
        area[i] = TcpOptionKind.Timestamps;
        area[i + 1] = 10;
        BigEndian.WriteU32(area, i + 2, TsVal);
        BigEndian.WriteU32(area, i + 6, TsEcr);
        return i + 10;
    }
}
