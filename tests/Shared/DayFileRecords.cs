namespace TickToTrade.Tests.Shared;

/// <summary>NASDAQ day-file framing (a 2-byte big-endian length, then the message) for building test files.</summary>
public static class DayFileRecords
{
    /// <summary>Where the last record of a well-formed day file starts.</summary>
    public static int LastRecordOffset(byte[] file)
    {
        int last = 0;
        for (int o = 0; o < file.Length; o += 2 + (file[o] << 8 | file[o + 1]))
            last = o;
        return last;
    }

    /// <summary>Appends one record holding <paramref name="message"/>.</summary>
    public static void Append(List<byte> file, ReadOnlySpan<byte> message)
    {
        file.Add((byte)(message.Length >> 8));
        file.Add((byte)message.Length);
        file.AddRange(message);
    }
}
