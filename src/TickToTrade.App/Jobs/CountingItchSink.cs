using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Sequencing;

namespace TickToTrade.App.Jobs;

/// <summary>Dispatches each in-order message (reading its fields) and counts it by type; the table is allocated once.</summary>
public struct CountingItchSink : IMoldMessageSink
{
    public ItchDigestHandler Digest;
    public long[] ByType;

    public static CountingItchSink Create() => new() { ByType = new long[256] };

    public readonly void Prefetch(ReadOnlySpan<byte> nextMessage)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message)
    {
        ItchStatus status = ItchDispatcher.Dispatch(message, ref Digest);
        if (status == ItchStatus.Ok)
            ByType[message[0]]++;
        return status;
    }
}
