using System.Runtime.CompilerServices;
using TickToTrade.MarketData.Diagnostics;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.MoldUdp64;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// Puts one MoldUDP64 session's messages in order, exactly once, whichever line
/// (A, B, or a retransmission) a packet came from: the first copy of each
/// sequence number wins (A/B arbitration), older copies are counted and dropped.
/// A gap makes the feed <see cref="FeedState.Stale"/>, asks the re-request server
/// for the missing range, keeps later packets aside, and replays them once the
/// gap is filled; then the feed is live again.
/// The clock is the caller's: <c>now</c> is passed in, so tests are deterministic.
/// </summary>
public sealed class MoldSequencer : IDisposable
{
    private readonly SequencerOptions _options;
    private readonly PendingPackets _pending;
    private readonly EventRing<FeedEvent> _events;
    private bool _haveSession;
    private ulong _gapOpenedAt;
    private ulong _lastRequestAt;
    private bool _alarmed;

    public MoldSequencer(SequencerOptions? options = null, EventRing<FeedEvent>? events = null)
    {
        _options = options ?? new SequencerOptions();
        _pending = new PendingPackets(_options.PendingSlots, _options.MaxPacketBytes);
        _events = events ?? new EventRing<FeedEvent>();
        NextSequence = _options.StartSequence;
        if (_options.Session is { } pinned)
        {
            Session = pinned;
            _haveSession = true;
        }
    }

    /// <summary>The session being followed (the first one seen).</summary>
    public MoldSession Session { get; private set; }

    /// <summary>Sequence number of the next message to apply (0 before the first packet when joining late).</summary>
    public ulong NextSequence { get; private set; }

    /// <summary>One past the highest sequence number any packet has announced.</summary>
    public ulong HighestSeen { get; private set; }

    public FeedState State { get; private set; }

    public EventRing<FeedEvent> Events => _events;

    /// <summary>
    /// Takes one MoldUDP64 packet (a UDP payload). In-order messages go to
    /// <paramref name="sink"/>; everything else is counted in <paramref name="c"/>.
    /// </summary>
    public void Process<TSink, TRequester>(ReadOnlySpan<byte> udpPayload, ulong now, ref FeedCounters c, ref TSink sink, ref TRequester requester)
        where TSink : struct, IMoldMessageSink
        where TRequester : struct, IRetransmitRequester
    {
        if (!MoldPacket.TryCreate(udpPayload, out MoldPacket packet))
        {
            c.MoldTruncated++;
            return;
        }
        MoldSession session = packet.Session;
        if (!_haveSession)
        {
            Session = session;
            _haveSession = true;
        }
        else if (session != Session)
        {
            c.ForeignSession++;
            return;
        }
        ulong first = packet.SequenceNumber;
        int count = packet.DataMessageCount;
        if (first > ulong.MaxValue - (ulong)count - 1
            || (NextSequence != 0 && first > NextSequence && first - NextSequence > _options.MaxGap))
        {
            c.ImplausibleSequence++; // a jump this far, or to the end of the number space, is forged or corrupt
            return;
        }
        c.Packets++;
        if (NextSequence == 0)
            NextSequence = first; // joining late: start where the feed is

        if (packet.IsHeartbeat || packet.IsEndOfSession)
        {
            if (packet.IsHeartbeat)
                c.Heartbeats++;
            else
                c.EndOfSession++;
            // Both carry the next sequence number the server will send ("Heartbeats", "End of Session").
            if (first > NextSequence)
                OnGap(first, now, ref c, ref requester);
            return;
        }

        c.Messages += count;
        ulong end = first + (ulong)count;
        if (end <= NextSequence)
        {
            c.DuplicatePackets++;
            c.DuplicateMessages += count;
            return;
        }
        if (first > NextSequence)
        {
            if (_options.RecoverGaps)
            {
                // Keep it for after the gap, and ask for what is missing before it.
                if (_pending.TryStore(first, count, packet.Blocks))
                    c.PendingStored++;
                else
                    c.PendingDropped++;
                OnGap(first, now, ref c, ref requester);
                if (end > HighestSeen)
                    HighestSeen = end;
                return;
            }
            OnGap(first, now, ref c, ref requester); // counted and skipped
        }

        Apply(first, count, packet.Blocks, ref c, ref sink);
        if (end > HighestSeen)
            HighestSeen = end;
        if (State == FeedState.Stale)
        {
            DrainPending(ref c, ref sink);
            if (NextSequence >= HighestSeen && _pending.Stored == 0)
                Recover(now, ref c);
        }
    }

    /// <summary>Forgets the session and every sequence number (a new trading day); keeps the preallocated memory.</summary>
    public void Reset()
    {
        _haveSession = _options.Session is not null;
        Session = _options.Session ?? default;
        NextSequence = _options.StartSequence;
        HighestSeen = 0;
        State = FeedState.Live;
        _alarmed = false;
        _pending.Clear();
    }

    /// <summary>Timers: re-sends an unanswered request and raises the recovery alarm. Call every loop turn or so.</summary>
    public void Poll<TRequester>(ulong now, ref FeedCounters c, ref TRequester requester)
        where TRequester : struct, IRetransmitRequester
    {
        if (State != FeedState.Stale)
            return;
        if (now - _lastRequestAt >= _options.RetryAfter)
            SendRequest(now, ref c, ref requester);
        if (!_alarmed && now - _gapOpenedAt >= _options.AlarmAfter)
        {
            _alarmed = true;
            c.UnrecoveredAlarms++;
            _events.Record(new FeedEvent(FeedEventKind.RecoveryAlarm, NextSequence, now - _gapOpenedAt, now));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Apply<TSink>(ulong first, int count, ReadOnlySpan<byte> blocks, ref FeedCounters c, ref TSink sink)
        where TSink : struct, IMoldMessageSink
    {
        var reader = new MoldMessageReader(blocks, count);
        MoldMessageReader ahead = reader; // a copy that runs PrefetchDistance messages in front
        int distance = TSink.Prefetches ? _options.PrefetchDistance : 0;
        for (int i = 0; i < distance && ahead.TryRead(out ReadOnlySpan<byte> early); i++)
            sink.Prefetch(early);
        ulong sequence = first;
        while (reader.TryRead(out ReadOnlySpan<byte> message))
        {
            if (distance > 0 && ahead.TryRead(out ReadOnlySpan<byte> far))
                sink.Prefetch(far);
            if (sequence < NextSequence)
            {
                c.DuplicateMessages++; // the front of a packet that overlaps what we already have
            }
            else
            {
                c.Count(sink.OnMessage(sequence, message)); // a refused message uses up its sequence number all the same
                NextSequence = sequence + 1;
            }
            sequence++;
        }
        if (reader.Malformed)
            c.MalformedPackets++; // the rest is missing: the next packet shows it as a gap
    }

    private void DrainPending<TSink>(ref FeedCounters c, ref TSink sink) where TSink : struct, IMoldMessageSink
    {
        while (_pending.TryTakeCovering(NextSequence, out ulong first, out int count, out ReadOnlySpan<byte> blocks))
            Apply(first, count, blocks, ref c, ref sink);
    }

    private void OnGap<TRequester>(ulong seenFirst, ulong now, ref FeedCounters c, ref TRequester requester)
        where TRequester : struct, IRetransmitRequester
    {
        ulong knownUntil = HighestSeen;
        if (seenFirst > HighestSeen)
            HighestSeen = seenFirst;
        if (!_options.RecoverGaps)
        {
            CountGap(seenFirst, now);
            c.Gaps++;
            c.GapMessages += (long)(seenFirst - NextSequence);
            NextSequence = seenFirst;
            return;
        }
        if (State == FeedState.Live)
        {
            State = FeedState.Stale;
            _gapOpenedAt = now;
            _alarmed = false;
            c.Gaps++;
            c.GapMessages += (long)(seenFirst - NextSequence);
            CountGap(seenFirst, now);
            SendRequest(now, ref c, ref requester);
        }
        else if (seenFirst > knownUntil && knownUntil > NextSequence)
        {
            // Another hole beyond what we already knew of, while the first is still open.
            c.Gaps++;
            c.GapMessages += (long)(seenFirst - knownUntil);
            _events.Record(new FeedEvent(FeedEventKind.GapDetected, knownUntil, seenFirst - knownUntil, now));
        }
    }

    private void CountGap(ulong seenFirst, ulong now) =>
        _events.Record(new FeedEvent(FeedEventKind.GapDetected, NextSequence, seenFirst - NextSequence, now));

    private void SendRequest<TRequester>(ulong now, ref FeedCounters c, ref TRequester requester)
        where TRequester : struct, IRetransmitRequester
    {
        // Ask for what is missing up to the first packet we hold, or up to the highest announced.
        ulong until = Math.Min(_pending.LowestAbove(NextSequence), HighestSeen);
        if (until <= NextSequence)
            until = HighestSeen;
        ushort count = (ushort)Math.Min(until - NextSequence, ushort.MaxValue - 1);
        _lastRequestAt = now;
        if (count == 0)
            return;
        c.RetransmitRequests++;
        requester.Request(Session, NextSequence, count);
        _events.Record(new FeedEvent(FeedEventKind.RetransmitRequested, NextSequence, count, now));
    }

    private void Recover(ulong now, ref FeedCounters c)
    {
        State = FeedState.Live;
        c.Recoveries++;
        _events.Record(new FeedEvent(FeedEventKind.GapRecovered, NextSequence, now - _gapOpenedAt, now));
    }

    public void Dispose() => _pending.Dispose();
}
