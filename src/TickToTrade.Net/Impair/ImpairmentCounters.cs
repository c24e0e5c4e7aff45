namespace TickToTrade.Net.Impair;

/// <summary>What the impairment wrapper did, per direction.</summary>
public sealed class ImpairmentCounters
{
    public long Passed;
    public long Dropped;
    /// <summary>Frames dropped because the link was still down (Impairment.DownNanoseconds).</summary>
    public long LinkDown;
    public long Duplicated;
    public long Reordered;
    public long Corrupted;
    public long Delayed;
    /// <summary>Frames lost because the holding queue was full or no buffer was free for a duplicate.</summary>
    public long Overflow;
}
