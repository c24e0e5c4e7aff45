using System.Text;
using System.Text.Json;
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
    PortCounters Counters)
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
            w.WriteNumber("seconds", Math.Round(Seconds, 6));
            w.WriteNumber("loop_allocated_bytes", LoopAllocatedBytes);
            w.WriteNumber("loop_gen0_collections", LoopGen0Collections);
            w.WriteStartObject("counters");
            foreach ((string name, long value) in Counters.ToPairs())
                w.WriteNumber(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
