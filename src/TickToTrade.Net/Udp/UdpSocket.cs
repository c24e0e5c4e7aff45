using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Udp;

/// <summary>
/// A bound UDP port with a fixed ring of received datagrams (slots of up to
/// <see cref="MaxDatagram"/> bytes, allocated at start-up). A full ring drops
/// and counts; a datagram is never truncated (a larger one is dropped and counted).
/// </summary>
public sealed class UdpSocket
{
    public const int MaxDatagram = 1472;

    private readonly byte[] _data;
    private readonly int[] _length;
    private readonly uint[] _source;
    private readonly ushort[] _sourcePort;
    private int _head, _count;

    internal UdpSocket(ushort port, int slots)
    {
        Port = port;
        _data = new byte[slots * MaxDatagram];
        _length = new int[slots];
        _source = new uint[slots];
        _sourcePort = new ushort[slots];
    }

    public ushort Port { get; }
    public int Pending => _count;
    public long Dropped { get; private set; }

    internal bool Deliver(Ipv4Address source, ushort sourcePort, ReadOnlySpan<byte> payload)
    {
        if (_count == _length.Length || payload.Length > MaxDatagram)
        {
            Dropped++;
            return false;
        }
        int slot = (_head + _count) % _length.Length;
        payload.CopyTo(_data.AsSpan(slot * MaxDatagram, MaxDatagram));
        _length[slot] = payload.Length;
        _source[slot] = source.Value;
        _sourcePort[slot] = sourcePort;
        _count++;
        return true;
    }

    /// <summary>Copies the oldest datagram out; false when none is waiting, or -1 length when <paramref name="target"/> is too small (the datagram stays).</summary>
    public bool TryReceive(Span<byte> target, out int length, out Ipv4Address source, out ushort sourcePort)
    {
        length = 0;
        source = default;
        sourcePort = 0;
        if (_count == 0)
            return false;
        int slot = _head;
        if (_length[slot] > target.Length)
        {
            length = -1;
            return true;
        }
        _data.AsSpan(slot * MaxDatagram, _length[slot]).CopyTo(target);
        length = _length[slot];
        source = new Ipv4Address(_source[slot]);
        sourcePort = _sourcePort[slot];
        _head = (_head + 1) % _length.Length;
        _count--;
        return true;
    }
}
