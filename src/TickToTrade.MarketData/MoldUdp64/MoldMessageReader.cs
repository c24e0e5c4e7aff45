using System.Runtime.CompilerServices;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.MoldUdp64;

/// <summary>
/// Iterates MoldUDP64 message blocks (MoldUDP64 1.00, "Message Block": a 2-byte
/// big-endian length, then that many bytes). Stops, and reports
/// <see cref="Malformed"/>, when a length runs past the packet or the packet
/// ends before <c>count</c> blocks; trailing bytes after the last block also count as malformed.
/// </summary>
public ref struct MoldMessageReader
{
    private ReadOnlySpan<byte> _rest;
    private int _left;

    public MoldMessageReader(ReadOnlySpan<byte> blocks, int count)
    {
        _rest = blocks;
        _left = count;
        Malformed = false;
    }

    /// <summary>True once a block failed its length check (the rest of the packet is not trusted).</summary>
    public bool Malformed { get; private set; }

    /// <summary>Messages not yet read.</summary>
    public readonly int Remaining => _left;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out ReadOnlySpan<byte> message)
    {
        message = default;
        if (_left == 0)
        {
            if (!_rest.IsEmpty)
                Malformed = true;
            return false;
        }
        if (_rest.Length < 2)
            return Fail();
        int length = BigEndian.U16(_rest, 0);
        if (length > _rest.Length - 2)
            return Fail();
        message = _rest.Slice(2, length);
        _rest = _rest[(2 + length)..];
        _left--;
        return true;
    }

    /// <summary>
    /// As <see cref="TryRead(out ReadOnlySpan{byte})"/>, plus <paramref name="window"/>: the
    /// message and the rest of the packet after it, for readers that load whole
    /// vectors (<see cref="Itch.Normalized.ItchNormalizer"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out ReadOnlySpan<byte> message, out ReadOnlySpan<byte> window)
    {
        window = _rest.Length >= 2 ? _rest[2..] : default;
        return TryRead(out message);
    }

    private bool Fail()
    {
        Malformed = true;
        _left = 0;
        _rest = default;
        return false;
    }
}
