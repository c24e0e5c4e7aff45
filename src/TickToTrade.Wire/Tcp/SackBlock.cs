namespace TickToTrade.Wire.Tcp;

/// <summary>One SACK block (RFC 2018 §3): the left edge and the sequence number just after the right edge.</summary>
public readonly record struct SackBlock(uint Left, uint Right);
