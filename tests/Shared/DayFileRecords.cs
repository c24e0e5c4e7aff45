namespace TickToTrade.Tests.Shared;

/// <summary>NASDAQ day-file framing (a 2-byte big-endian length, then the message) for reading and building test files.</summary>
public static class DayFileRecords
{
    /// <summary>Every record of a well-formed day file: where it starts (its length prefix) and its message's length.</summary>
    public static List<(int Offset, int Length)> Records(byte[] file)
    {
        var records = new List<(int, int)>();
        for (int o = 0; o < file.Length;)
        {
            int length = file[o] << 8 | file[o + 1];
            records.Add((o, length));
            o += 2 + length;
        }
        return records;
    }

    /// <summary>The message of the record at <paramref name="record"/>.</summary>
    public static ReadOnlySpan<byte> Message(byte[] file, (int Offset, int Length) record) => file.AsSpan(record.Offset + 2, record.Length);

    /// <summary>Where the last record of a well-formed day file starts.</summary>
    public static int LastRecordOffset(byte[] file) => Records(file)[^1].Offset;

    /// <summary>Appends one record holding <paramref name="message"/>.</summary>
    public static void Append(List<byte> file, ReadOnlySpan<byte> message)
    {
        file.Add((byte)(message.Length >> 8));
        file.Add((byte)message.Length);
        file.AddRange(message);
    }
}
