namespace TickToTrade.MarketData.Sequencing;

/// <summary>How a <see cref="MoldSequencer"/> treats gaps. Times are in the caller's clock units (TSC ticks in the engine).</summary>
public sealed record SequencerOptions
{
    /// <summary>
    /// True (the engine): a gap makes the feed stale and is recovered by
    /// retransmission. False (inspecting a capture): a gap is counted and skipped.
    /// </summary>
    public bool RecoverGaps { get; init; } = true;

    /// <summary>0: adopt the first sequence number seen (joining late). Otherwise the first number expected.</summary>
    public ulong StartSequence { get; init; }

    /// <summary>Re-send an unanswered request after this long.</summary>
    public ulong RetryAfter { get; init; } = 1_000_000;

    /// <summary>Raise the recovery alarm when a gap stays open this long.</summary>
    public ulong AlarmAfter { get; init; } = 100_000_000;

    /// <summary>Packets ahead of a gap kept for replay after it is filled.</summary>
    public int PendingSlots { get; init; } = 256;

    /// <summary>
    /// The session to follow. Null: the first session seen (fine for captures; a
    /// live engine should name it, so one stray packet cannot capture the sequencer).
    /// </summary>
    public MoldUdp64.MoldSession? Session { get; init; }

    /// <summary>
    /// A packet further ahead than this many messages is implausible (a forged or
    /// corrupt sequence number): counted and dropped instead of opening a gap that
    /// could never close.
    /// </summary>
    public ulong MaxGap { get; init; } = 1UL << 24;

    /// <summary>
    /// How many messages ahead, within a packet, the sink is shown a message to
    /// prefetch for (0 or less: none). Far enough that a cache miss to DRAM is over by the
    /// time the message is applied; `ttt-bench book` measures the effect.
    /// </summary>
    public int PrefetchDistance { get; init; } = 8;

    /// <summary>Largest MoldUDP64 packet kept in a pending slot (a jumbo UDP payload fits).</summary>
    public int MaxPacketBytes { get; init; } = 9000;
}
