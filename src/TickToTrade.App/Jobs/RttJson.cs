using System.Text.Json;
using HdrHistogram;

namespace TickToTrade.App.Jobs;

/// <summary>The "rtt_ns" object tcpcheck and kpeer both print: count and HdrHistogram percentiles in nanoseconds.</summary>
public static class RttJson
{
    /// <summary>Writes "rtt_ns" when the histogram holds any value; nothing otherwise.</summary>
    public static void Write(Utf8JsonWriter w, LongHistogram? h)
    {
        if (h is null || h.TotalCount == 0)
            return;
        w.WriteStartObject("rtt_ns");
        w.WriteNumber("count", h.TotalCount);
        w.WriteNumber("min", h.GetValueAtPercentile(0));
        w.WriteNumber("p50", h.GetValueAtPercentile(50));
        w.WriteNumber("p90", h.GetValueAtPercentile(90));
        w.WriteNumber("p99", h.GetValueAtPercentile(99));
        w.WriteNumber("p99_9", h.GetValueAtPercentile(99.9));
        w.WriteNumber("max", h.GetMaxValue());
        w.WriteEndObject();
    }
}
