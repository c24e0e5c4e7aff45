using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Sequencing;

namespace TickToTrade.MarketData.Tests.Support;

/// <summary>Keeps every message the sequencer delivers, with its sequence number.</summary>
public struct RecordingSink : IMoldMessageSink
{
    public List<(ulong Sequence, byte[] Message)> Delivered;

    public static RecordingSink Create() => new() { Delivered = [] };

    public static bool Prefetches => false;

    public readonly void Prefetch(ReadOnlySpan<byte> ahead)
    {
    }

    public readonly ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message)
    {
        Delivered.Add((sequence, message.ToArray()));
        return ItchStatus.Ok;
    }
}
