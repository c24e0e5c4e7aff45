using System.Buffers.Binary;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// Writes a nanosecond-resolution, little-endian, Ethernet pcap file that
/// Wireshark and tshark open. Off the hot path: it buffers through a FileStream.
/// </summary>
public sealed class PcapWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[PcapFormat.RecordHeaderLength];

    /// <summary>Records written.</summary>
    public long Records { get; private set; }

    public PcapWriter(Stream stream, uint snapLength = 262144)
    {
        _stream = stream;
        Span<byte> h = stackalloc byte[PcapFormat.FileHeaderLength];
        BinaryPrimitives.WriteUInt32LittleEndian(h, PcapFormat.MagicNanoseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2); // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], 0); // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], PcapFormat.LinkTypeEthernet);
        _stream.Write(h);
    }

    /// <summary>Creates (or replaces) <paramref name="path"/>.</summary>
    public static PcapWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));

    /// <summary>Appends one frame stamped <paramref name="timestampNanoseconds"/> since the epoch.</summary>
    public void Write(long timestampNanoseconds, ReadOnlySpan<byte> frame)
    {
        Span<byte> h = _header;
        BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)(timestampNanoseconds / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(timestampNanoseconds % 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)frame.Length);
        _stream.Write(h);
        _stream.Write(frame);
        Records++;
    }

    public void Dispose() => _stream.Dispose();
}
