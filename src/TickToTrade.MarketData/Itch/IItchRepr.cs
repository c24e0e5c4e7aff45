namespace TickToTrade.MarketData.Itch;

/// <summary>The parse/emit contract every ITCH message repr meets (smoltcp's Repr idea).</summary>
public interface IItchRepr<TSelf> where TSelf : struct, IItchRepr<TSelf>
{
    /// <summary>The message type byte.</summary>
    static abstract byte Type { get; }
    /// <summary>The exact message length.</summary>
    static abstract int Length { get; }
    /// <summary>Reads every field; false if the bytes are not exactly one message of this type.</summary>
    static abstract bool TryParse(ReadOnlySpan<byte> message, out TSelf repr);
    /// <summary>Writes the message into the first <see cref="Length"/> bytes of <paramref name="buffer"/>.</summary>
    void Emit(Span<byte> buffer);
}
