namespace TickToTrade.PacketIO.Time;

/// <summary>
/// Monotonic time in nanoseconds. Protocol code never reads a clock itself: the
/// poll loop passes "now" down, and port wrappers that need time (delay
/// impairment) take one of these, so tests run on a <see cref="ManualClock"/>.
/// </summary>
public interface IClock
{
    long NowNanoseconds { get; }
}
