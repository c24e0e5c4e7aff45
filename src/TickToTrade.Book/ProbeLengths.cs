namespace TickToTrade.Book;

/// <summary>
/// How far the order store's live orders sit from their home buckets (see
/// <see cref="OrderStore.ProbeLengths"/>), in buckets read per lookup: 1 is the home bucket.
/// A p99 of 256 means 256 or more.
/// </summary>
public readonly record struct ProbeLengths(long Orders, double Mean, long P99, long Max);
