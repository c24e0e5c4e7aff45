using TickToTrade.MarketData.Generation;

namespace TickToTrade.MarketData.Tests.Support;

/// <summary>Keeps the generator's messages in memory, in order.</summary>
public sealed class MemoryMessageWriter : IMessageWriter
{
    public List<byte[]> Messages { get; } = [];

    public void Write(ReadOnlySpan<byte> message, ulong timestamp, bool startsBurst) => Messages.Add(message.ToArray());

    public void Finish()
    {
    }

    public void Dispose()
    {
    }
}
