using System.Text;
using System.Text.Json;
using TickToTrade.Book;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.PacketIO;

namespace TickToTrade.App.Jobs;

/// <summary>What one replay saw, and the proof that its loop allocated nothing.</summary>
public sealed record ReplayResult(
    string Input,
    string Port,
    string Driver,
    long Frames,
    long Bytes,
    double Seconds,
    long LoopAllocatedBytes,
    int LoopGen0Collections,
    PortCounters Counters,
    FeedCounters Feed,
    IReadOnlyList<(char Type, long Count)> ByType,
    FeedState FeedState,
    BookCounters Book,
    int LiveOrders,
    int SymbolsWithOrders)
{
    /// <summary>One JSON object on one line.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("job", "replay");
            w.WriteString("input", Input);
            w.WriteString("port", Port);
            w.WriteString("driver", Driver);
            w.WriteNumber("frames", Frames);
            w.WriteNumber("bytes", Bytes);
            w.WriteNumber("packets", Feed.Packets);
            w.WriteNumber("messages", Feed.AppliedMessages);
            w.WriteStartObject("by_type");
            foreach ((char type, long count) in ByType)
                w.WriteNumber(type.ToString(), count);
            w.WriteEndObject();
            w.WriteNumber("gaps", Feed.Gaps);
            w.WriteNumber("duplicates", Feed.DuplicatePackets);
            w.WriteNumber("malformed", Feed.Malformed);
            w.WriteNumber("dropped_frames", Feed.FramesDropped);
            w.WriteString("feed_state", FeedState == FeedState.Live ? "live" : "stale");
            w.WriteNumber("live_orders", LiveOrders);
            w.WriteNumber("symbols_with_orders", SymbolsWithOrders);
            w.WriteNumber("seconds", Math.Round(Seconds, 6));
            w.WriteNumber("loop_allocated_bytes", LoopAllocatedBytes);
            w.WriteNumber("loop_gen0_collections", LoopGen0Collections);
            w.WriteStartObject("port_counters");
            foreach ((string name, long value) in Counters.ToPairs())
                w.WriteNumber(name, value);
            w.WriteEndObject();
            w.WriteStartObject("feed_counters");
            foreach ((string name, long value) in Feed.ToPairs())
                w.WriteNumber(name, value);
            w.WriteEndObject();
            w.WriteStartObject("book_counters");
            foreach ((string name, long value) in Book.ToPairs())
                w.WriteNumber(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
