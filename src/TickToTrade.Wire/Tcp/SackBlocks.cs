using System.Runtime.CompilerServices;

namespace TickToTrade.Wire.Tcp;

/// <summary>Room for the most SACK blocks one header can carry (RFC 2018 §3: four, three with timestamps).</summary>
[InlineArray(Max)]
public struct SackBlocks
{
    public const int Max = 4;
    private SackBlock _first;
}
