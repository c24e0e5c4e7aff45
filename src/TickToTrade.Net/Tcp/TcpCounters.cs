namespace TickToTrade.Net.Tcp;

/// <summary>TCP counters, stack-wide. Every drop has one.</summary>
public sealed class TcpCounters
{
    public long SegmentsReceived;
    public long SegmentsSent;
    public long BytesReceived;
    public long BytesSent;
    public long Retransmits;
    public long RetransmittedBytes;
    public long FastRetransmits;
    public long SackRecoveries;
    public long NewRenoRecoveries;
    public long RtoExpiries;
    public long TailLossProbes;
    public long DuplicateAcks;
    public long ChallengeAcks;
    public long ChallengeAcksSuppressed;
    public long ChecksumFailures;
    public long MalformedSegments;
    public long OutOfWindowSegments;
    public long PawsRejected;
    public long AckTooNew;
    public long AckTooOld;
    public long OutOfOrderSegments;
    public long OutOfOrderDropped;
    public long DuplicateSegments;
    public long ResetsReceived;
    public long ResetsSent;
    public long ResetsIgnored;
    public long ZeroWindowProbes;
    public long KeepAliveProbes;
    public long NoConnection;
    public long ListenQueueFull;
    public long ConnectionsEstablished;
    public long ConnectionsReset;
    public long ConnectionsTimedOut;
    public long TxNoBuffer;
    public long DelayedAcks;
}
