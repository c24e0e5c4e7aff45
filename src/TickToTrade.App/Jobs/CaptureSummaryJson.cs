using System.Text;
using System.Text.Json;
using TickToTrade.MarketData.Inspection;

namespace TickToTrade.App.Jobs;

/// <summary>`ttt inspect`'s one JSON object.</summary>
public static class CaptureSummaryJson
{
    public static string Write(CaptureSummary s)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", s.Format switch
            {
                MarketData.Capture.CaptureFormat.Pcap => "pcap",
                MarketData.Capture.CaptureFormat.PcapNg => "pcapng",
                _ => "itch",
            });
            w.WriteNumber("packets", s.Packets);
            w.WriteNumber("messages", s.Messages);
            w.WriteStartObject("by_type");
            foreach ((char type, long count) in s.ByType)
                w.WriteNumber(type.ToString(), count);
            w.WriteEndObject();
            w.WriteStartArray("sessions");
            foreach (SessionSummary x in s.Sessions)
            {
                w.WriteStartObject();
                w.WriteString("session", x.Session.ToString());
                w.WriteNumber("first_sequence", x.FirstSequence);
                w.WriteNumber("next_sequence", x.NextSequence);
                w.WriteNumber("packets", x.Packets);
                w.WriteNumber("messages", x.Messages);
                w.WriteNumber("gaps", x.Gaps);
                w.WriteNumber("duplicates", x.Duplicates);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("gaps", s.Gaps);
            w.WriteNumber("duplicates", s.Duplicates);
            w.WriteNumber("malformed", s.Malformed);
            w.WriteNumber("truncated_records", s.TruncatedRecords);
            w.WriteNumber("dropped_frames", s.Counters.FramesDropped);
            w.WriteStartObject("counters");
            foreach ((string name, long value) in s.Counters.ToPairs())
                w.WriteNumber(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
