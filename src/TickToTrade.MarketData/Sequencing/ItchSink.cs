using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>Adapts an <see cref="IItchHandler"/> to the sequencer: each in-order message is dispatched by type.</summary>
public struct ItchSink<THandler> : IMoldMessageSink where THandler : struct, IItchHandler, IPrefetcher
{
    public THandler Handler;

    public ItchSink(THandler handler) => Handler = handler;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ItchStatus OnMessage(ulong sequence, ReadOnlySpan<byte> message) => ItchDispatcher.Dispatch(message, ref Handler);

    public static bool Prefetches => THandler.Prefetches;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ReadOnlySpan<byte> ahead) => Handler.Prefetch(ahead);
}
