using System.Buffers.Binary;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// Reads a pcapng file (IETF draft-ietf-opsawg-pcapng): section headers in
/// either byte order, interface descriptions with their timestamp resolution,
/// and Enhanced and Simple Packet Blocks. Other blocks are skipped. Only
/// Ethernet interfaces are expected; a block whose length is impossible ends
/// the reading and is counted as truncated.
/// </summary>
public sealed class PcapNgReader : IFrameReader
{
    private const uint SectionHeader = 0x0A0D0D0A;
    private const uint InterfaceDescription = 1;
    private const uint SimplePacket = 3;
    private const uint EnhancedPacket = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const ushort OptionTimestampResolution = 9;

    private readonly CaptureBytes _bytes;
    private readonly List<(uint LinkType, ulong UnitsPerSecond)> _interfaces = [];
    private long _offset;
    private bool _bigEndian;

    public long Records { get; private set; }
    public long TruncatedRecords { get; private set; }

    public PcapNgReader(CaptureBytes bytes)
    {
        if (bytes.Length < 28 || !Recognises(bytes.Slice(0, 4)))
            throw new InvalidDataException("not a pcapng file: it does not start with a Section Header Block");
        _bytes = bytes;
    }

    public static bool Recognises(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(head) == SectionHeader;

    /// <summary>Link type of interface <paramref name="index"/> (1 = Ethernet).</summary>
    public uint LinkTypeOf(int index) => _interfaces[index].LinkType;

    public bool TryRead(out PcapRecord record)
    {
        record = default;
        while (_offset < _bytes.Length)
        {
            if (_bytes.Length - _offset < 12)
                return Truncated();
            ReadOnlySpan<byte> head = _bytes.Slice(_offset, 8);
            uint type = BinaryPrimitives.ReadUInt32LittleEndian(head); // SHB type is a palindrome
            if (type == SectionHeader)
            {
                uint magic = BinaryPrimitives.ReadUInt32LittleEndian(_bytes.Slice(_offset + 8, 4));
                _bigEndian = magic != ByteOrderMagic;
                if (_bigEndian && BinaryPrimitives.ReverseEndianness(magic) != ByteOrderMagic)
                    return Truncated();
                _interfaces.Clear(); // interface ids restart in each section
            }
            else
            {
                type = U32(head);
            }
            uint total = U32(head[4..]);
            if (total < 12 || total % 4 != 0 || total > _bytes.Length - _offset || total > int.MaxValue)
                return Truncated();
            ReadOnlySpan<byte> body = _bytes.Slice(_offset + 8, (int)total - 12);
            long blockStart = _offset;
            _offset += total;
            switch (type)
            {
                case InterfaceDescription:
                    if (body.Length < 8)
                        return Truncated();
                    _interfaces.Add((U16(body), Resolution(body[8..])));
                    break;
                case EnhancedPacket:
                {
                    if (body.Length < 20)
                        return Truncated();
                    uint iface = U32(body);
                    ulong ts = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
                    uint captured = U32(body[12..]);
                    uint original = U32(body[16..]);
                    if (captured > body.Length - 20 || iface >= (uint)_interfaces.Count)
                        return Truncated();
                    ulong unitsPerSecond = _interfaces[(int)iface].UnitsPerSecond;
                    long ns = (long)(ts / unitsPerSecond * 1_000_000_000 + ts % unitsPerSecond * 1_000_000_000 / unitsPerSecond);
                    record = new PcapRecord(ns, (int)Math.Min(original, int.MaxValue), _bytes.Slice(blockStart + 8 + 20, (int)captured));
                    Records++;
                    return true;
                }
                case SimplePacket:
                {
                    if (body.Length < 4)
                        return Truncated();
                    uint original = U32(body);
                    int captured = (int)Math.Min(original, (uint)(body.Length - 4));
                    record = new PcapRecord(0, (int)Math.Min(original, int.MaxValue), _bytes.Slice(blockStart + 8 + 4, captured));
                    Records++;
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>if_tsresol (option 9): 10^-n, or 2^-n when the top bit is set; default microseconds.</summary>
    private ulong Resolution(ReadOnlySpan<byte> options)
    {
        while (options.Length >= 4)
        {
            ushort code = U16(options);
            ushort length = U16(options[2..]);
            if (code == 0 || 4 + length > options.Length)
                break;
            if (code == OptionTimestampResolution && length >= 1)
            {
                byte r = options[4];
                int exponent = r & 0x7F;
                if (exponent > 19)
                    return 1_000_000;
                return (r & 0x80) != 0 ? 1UL << Math.Min(exponent, 63) : Pow10(exponent);
            }
            options = options[(4 + ((length + 3) & ~3))..];
        }
        return 1_000_000;
    }

    private static ulong Pow10(int n)
    {
        ulong v = 1;
        for (int i = 0; i < n; i++)
            v *= 10;
        return v;
    }

    private bool Truncated()
    {
        TruncatedRecords++;
        _offset = _bytes.Length;
        return false;
    }

    private uint U32(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    private ushort U16(ReadOnlySpan<byte> s) =>
        _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
}
