using System.Runtime.CompilerServices;
using TickToTrade.PacketIO.Capture;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.Capture;

/// <summary>
/// NASDAQ day-file framing (2-byte big-endian length, then the message) over one
/// span held in memory: the allocation-free cursor for the parse bench and for
/// any day file of up to 2 GiB. A length that runs past the span stops it and
/// sets <see cref="Truncated"/>. <see cref="ItchDayFileReader"/> reads files of
/// any size. Both read ahead with <see cref="StreamPrefetch"/>.
/// </summary>
public ref struct DayFileSpanReader
{
    private ReadOnlySpan<byte> _rest;

    public DayFileSpanReader(ReadOnlySpan<byte> file)
    {
        _rest = file;
        Truncated = false;
    }

    /// <summary>True once a length ran past the end (the rest is not read).</summary>
    public bool Truncated { get; private set; }

    /// <summary>Bytes not yet read (0 once the reader has stopped).</summary>
    public readonly int Remaining => _rest.Length;

    /// <summary>
    /// The next message, and <paramref name="window"/>: the message and everything
    /// after it, for readers that load whole vectors
    /// (<see cref="Itch.Normalized.ItchNormalizer"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryRead(out ReadOnlySpan<byte> message, out ReadOnlySpan<byte> window)
    {
        message = default;
        window = default;
        if (_rest.Length < 2)
        {
            Truncated |= !_rest.IsEmpty;
            _rest = default;
            return false;
        }
        int length = BigEndian.U16(_rest, 0);
        ReadOnlySpan<byte> after = _rest[2..];
        if (length > after.Length)
        {
            Truncated = true;
            _rest = default;
            return false;
        }
        window = after;
        message = after[..length];
        _rest = after[length..];
        StreamPrefetch.Ahead(_rest);
        return true;
    }
}
