using TickToTrade.MarketData.Capture;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.PacketIO.Capture;

namespace TickToTrade.MarketData.Inspection;

/// <summary>
/// Runs a capture (pcap, pcapng or day file) through the same decoder and
/// sequencer the engine uses, with gaps counted and skipped instead of
/// recovered (a file cannot answer a retransmission request).
/// </summary>
public static class CaptureInspector
{
    private const int MaxSessions = 64;

    public static CaptureSummary Inspect(string path, FeedFilter? filter = null)
    {
        using CaptureBytes bytes = CaptureBytes.Open(path);
        CaptureFormat format = CaptureFormatDetector.Detect(bytes, path);
        return format == CaptureFormat.ItchDayFile ? InspectDayFile(bytes) : InspectFrames(bytes, format, filter ?? FeedFilter.Any);
    }

    private static CaptureSummary InspectDayFile(CaptureBytes bytes)
    {
        var reader = new ItchDayFileReader(bytes);
        TypeCountingSink sink = TypeCountingSink.Create();
        var c = new FeedCounters();
        ulong sequence = 1;
        while (reader.TryRead(out ReadOnlySpan<byte> message))
        {
            c.Messages++;
            c.Count(sink.OnMessage(sequence++, message));
        }
        return new CaptureSummary(CaptureFormat.ItchDayFile, 0, c.Messages, ByType(sink), [], 0, 0, c.Malformed, reader.TruncatedRecords, c);
    }

    private static CaptureSummary InspectFrames(CaptureBytes bytes, CaptureFormat format, FeedFilter filter)
    {
        IFrameReader frames = format == CaptureFormat.Pcap ? new PcapReader(bytes) : new PcapNgReader(bytes);
        TypeCountingSink sink = TypeCountingSink.Create();
        var requester = new NoRetransmitRequester();
        var decoded = new FeedCounters();
        var sessions = new List<SessionState>();
        var options = new SequencerOptions { RecoverGaps = false, PendingSlots = 1, MaxPacketBytes = 64 };
        try
        {
            while (frames.TryRead(out PcapRecord record))
            {
                if (!FeedDecoder.TryDecode(record.Data, filter, ref decoded, out ReadOnlySpan<byte> payload))
                    continue;
                if (!MoldPacket.TryCreate(payload, out MoldPacket packet))
                {
                    decoded.MoldTruncated++;
                    continue;
                }
                SessionState? s = Find(sessions, packet.Session);
                if (s is null)
                {
                    if (sessions.Count == MaxSessions)
                    {
                        decoded.ForeignSession++;
                        continue;
                    }
                    s = new SessionState(new MoldSequencer(options), packet.SequenceNumber);
                    sessions.Add(s);
                }
                s.Sequencer.Process(payload, (ulong)record.TimestampNanoseconds, ref s.Counters, ref sink, ref requester);
            }

            FeedCounters total = decoded;
            var summaries = new List<SessionSummary>(sessions.Count);
            foreach (SessionState s in sessions)
            {
                total.Add(s.Counters);
                summaries.Add(new SessionSummary(s.Sequencer.Session, s.FirstSequence, s.Sequencer.NextSequence,
                    s.Counters.Packets, s.Counters.Messages, s.Counters.Gaps, s.Counters.DuplicatePackets));
            }
            return new CaptureSummary(format, total.Packets, total.Messages, ByType(sink), summaries,
                total.Gaps, total.DuplicatePackets, total.Malformed, frames.TruncatedRecords, total);
        }
        finally
        {
            foreach (SessionState s in sessions)
                s.Sequencer.Dispose();
        }
    }

    private static SessionState? Find(List<SessionState> sessions, MoldSession session)
    {
        foreach (SessionState s in sessions)
        {
            if (s.Sequencer.Session == session)
                return s;
        }
        return null;
    }

    private static List<(char, long)> ByType(TypeCountingSink sink)
    {
        var list = new List<(char, long)>();
        foreach (byte t in ItchMessageLengths.Types)
        {
            if (sink.ByType[t] != 0)
                list.Add(((char)t, sink.ByType[t]));
        }
        return list;
    }

    private sealed class SessionState(MoldSequencer sequencer, ulong firstSequence)
    {
        public readonly MoldSequencer Sequencer = sequencer;
        public readonly ulong FirstSequence = firstSequence;
        public FeedCounters Counters;
    }
}
