using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// Counts valid ITCH messages by type (the spec's length checked first). Used by
/// `ttt inspect` and the parse-only bench; its table is allocated once.
/// </summary>
public struct TypeCountingSink : IMoldMessageSink
{
    /// <summary>Count per type byte.</summary>
    public long[] ByType;

    public static TypeCountingSink Create() => new() { ByType = new long[256] };

    public static bool Prefetches => false;

    public readonly void Prefetch(ReadOnlySpan<byte> ahead)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message)
    {
        if (message.IsEmpty)
            return ItchStatus.Empty;
        int expected = ItchMessageLengths.Of(message[0]);
        if (expected == 0)
            return ItchStatus.UnknownType;
        if (expected != message.Length)
            return ItchStatus.WrongLength;
        ByType[message[0]]++;
        return ItchStatus.Ok;
    }
}
