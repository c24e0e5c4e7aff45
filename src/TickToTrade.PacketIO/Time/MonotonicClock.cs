using System.Diagnostics;

namespace TickToTrade.PacketIO.Time;

/// <summary>The machine's monotonic clock (<see cref="Stopwatch"/>), in nanoseconds since this object was made.</summary>
public sealed class MonotonicClock : IClock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly double _nsPerTick = 1e9 / Stopwatch.Frequency;

    public long NowNanoseconds => (long)((Stopwatch.GetTimestamp() - _start) * _nsPerTick);
}
