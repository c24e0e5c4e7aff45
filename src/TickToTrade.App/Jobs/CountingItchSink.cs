using System.Runtime.CompilerServices;
using TickToTrade.Book;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Sequencing;

namespace TickToTrade.App.Jobs;

/// <summary>Applies each in-order message to the book and counts it by type; the table is allocated once.</summary>
public struct CountingItchSink : IMoldMessageSink
{
    public BookUpdater<NoBookListener> Book;
    public long[] ByType;

    public static CountingItchSink Create(OrderBook book) => new() { Book = BookUpdater.Create(book), ByType = new long[256] };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Prefetch(ReadOnlySpan<byte> ahead) => Book.Prefetch(ahead);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message)
    {
        ItchStatus status = ItchDispatcher.Dispatch(message, ref Book);
        if (status == ItchStatus.Ok)
            ByType[message[0]]++;
        return status;
    }
}
