using System.Buffers.Binary;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// Reads a classic pcap file (micro- or nanosecond, either byte order) held in
/// memory, yielding each record as a slice of it. Off the hot path: a bad file
/// header is an <see cref="InvalidDataException"/> with a clear message; a file
/// cut short in its last record stops the reader and is counted.
/// </summary>
public sealed class PcapReader
{
    private readonly ReadOnlyMemory<byte> _file;
    private readonly bool _bigEndian;
    private readonly bool _nanoseconds;
    private int _offset = PcapFormat.FileHeaderLength;

    /// <summary>The link type from the file header (1 = Ethernet).</summary>
    public uint LinkType { get; }
    /// <summary>Snapshot length from the file header.</summary>
    public uint SnapLength { get; }
    /// <summary>Records read so far.</summary>
    public long Records { get; private set; }
    /// <summary>1 when the file ended inside a record (that record is not returned).</summary>
    public long TruncatedRecords { get; private set; }

    public PcapReader(ReadOnlyMemory<byte> file)
    {
        ReadOnlySpan<byte> s = file.Span;
        if (s.Length < PcapFormat.FileHeaderLength)
            throw new InvalidDataException($"not a pcap file: {s.Length} bytes is shorter than the 24-byte pcap header");
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
        _file = file;
        SnapLength = U32(s[16..]);
        LinkType = U32(s[20..]);
    }

    /// <summary>Reads a whole file; see <see cref="PcapReader(ReadOnlyMemory{byte})"/>.</summary>
    public static PcapReader Open(string path) => new(File.ReadAllBytes(path));

    /// <summary>Next record, or false at the end of the file.</summary>
    public bool TryRead(out PcapRecord record)
    {
        ReadOnlySpan<byte> s = _file.Span;
        record = default;
        if (_offset >= s.Length)
            return false;
        if (s.Length - _offset < PcapFormat.RecordHeaderLength)
        {
            TruncatedRecords++;
            _offset = s.Length;
            return false;
        }
        ReadOnlySpan<byte> h = s.Slice(_offset, PcapFormat.RecordHeaderLength);
        long seconds = U32(h);
        long fraction = U32(h[4..]);
        uint included = U32(h[8..]);
        uint original = U32(h[12..]);
        int start = _offset + PcapFormat.RecordHeaderLength;
        if (included > (uint)(s.Length - start))
        {
            TruncatedRecords++;
            _offset = s.Length;
            return false;
        }
        long ns = seconds * 1_000_000_000 + (_nanoseconds ? fraction : fraction * 1000);
        record = new PcapRecord(ns, (int)Math.Min(original, int.MaxValue), _file.Slice(start, (int)included));
        _offset = start + (int)included;
        Records++;
        return true;
    }

    private uint U32(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
