namespace TickToTrade.PacketIO.Time;

/// <summary>A clock that moves only when told: deterministic protocol tests.</summary>
public sealed class ManualClock : IClock
{
    public ManualClock(long startNanoseconds = 0) => NowNanoseconds = startNanoseconds;

    public long NowNanoseconds { get; private set; }

    public void Advance(long nanoseconds) => NowNanoseconds += nanoseconds;
}
