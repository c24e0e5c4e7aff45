namespace TickToTrade.MarketData.Itch;

/// <summary>Outcome of dispatching one ITCH message. Every refusal is counted by the caller; none throws.</summary>
public enum ItchStatus : byte
{
    Ok = 0,
    /// <summary>A zero-length message block.</summary>
    Empty,
    /// <summary>A type byte ITCH 5.0 does not define.</summary>
    UnknownType,
    /// <summary>A known type whose length differs from the spec's.</summary>
    WrongLength,
}
