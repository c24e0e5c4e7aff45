using System.Buffers.Binary;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// Reads a classic pcap file (pcap-savefile(5): micro- or nanosecond, either byte
/// order), yielding each record as a slice of the file. Off the hot path: a bad
/// file header is an <see cref="InvalidDataException"/> with a clear message; a
/// file cut short in its last record stops the reader and is counted.
/// </summary>
public sealed class PcapReader : IFrameReader
{
    private readonly CaptureBytes _bytes;
    private readonly bool _bigEndian;
    private readonly bool _nanoseconds;
    private long _offset = PcapFormat.FileHeaderLength;

    public uint LinkType { get; }
    public uint SnapLength { get; }
    public long Records { get; private set; }
    public long TruncatedRecords { get; private set; }

    public PcapReader(CaptureBytes bytes)
    {
        if (bytes.Length < PcapFormat.FileHeaderLength)
            throw new InvalidDataException($"not a pcap file: {bytes.Length} bytes is shorter than the 24-byte pcap header");
        ReadOnlySpan<byte> s = bytes.Slice(0, PcapFormat.FileHeaderLength);
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(s);
        uint swapped = BinaryPrimitives.ReverseEndianness(magic);
        (_bigEndian, _nanoseconds) = magic switch
        {
            PcapFormat.MagicMicroseconds => (false, false),
            PcapFormat.MagicNanoseconds => (false, true),
            _ when swapped == PcapFormat.MagicMicroseconds => (true, false),
            _ when swapped == PcapFormat.MagicNanoseconds => (true, true),
            _ => throw new InvalidDataException($"not a classic pcap file: magic 0x{magic:x8}"),
        };
        _bytes = bytes;
        SnapLength = U32(s[16..]);
        LinkType = U32(s[20..]);
    }

    /// <summary>True if <paramref name="head"/> starts with a pcap magic number.</summary>
    public static bool Recognises(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
            return false;
        uint m = BinaryPrimitives.ReadUInt32LittleEndian(head);
        uint r = BinaryPrimitives.ReverseEndianness(m);
        return m is PcapFormat.MagicMicroseconds or PcapFormat.MagicNanoseconds
               || r is PcapFormat.MagicMicroseconds or PcapFormat.MagicNanoseconds;
    }

    /// <summary>Goes back to the first record (benches replay a capture held in memory many times).</summary>
    public void Rewind()
    {
        _offset = PcapFormat.FileHeaderLength;
        Records = 0;
        TruncatedRecords = 0;
    }

    public bool TryRead(out PcapRecord record)
    {
        record = default;
        long left = _bytes.Length - _offset;
        if (left <= 0)
            return false;
        if (left < PcapFormat.RecordHeaderLength)
            return Truncated();
        ReadOnlySpan<byte> h = _bytes.Slice(_offset, PcapFormat.RecordHeaderLength);
        long seconds = U32(h);
        long fraction = U32(h[4..]);
        uint included = U32(h[8..]);
        uint original = U32(h[12..]);
        long start = _offset + PcapFormat.RecordHeaderLength;
        if (included > _bytes.Length - start || included > int.MaxValue)
            return Truncated();
        long ns = seconds * 1_000_000_000 + (_nanoseconds ? fraction : fraction * 1000);
        record = new PcapRecord(ns, (int)Math.Min(original, int.MaxValue), _bytes.Slice(start, (int)included));
        _offset = start + included;
        Records++;
        return true;
    }

    private bool Truncated()
    {
        TruncatedRecords++;
        _offset = _bytes.Length;
        return false;
    }

    private uint U32(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
