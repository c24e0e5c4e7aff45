using TickToTrade.Book.Replay;
using TickToTrade.MarketData.Generation;
using TickToTrade.Tests.Shared;

namespace TickToTrade.Book.Tests;

/// <summary>
/// Day files are read a window at a time. With windows of one longest record (and 63
/// sizes just above, so window ends fall on record boundaries, one byte into a length,
/// two bytes in, and inside messages), a generated day with empty and unknown-type
/// records mixed in must build exactly the book, and count exactly the records, that
/// one window does; a file that ends inside a record says so and applies the rest.
/// </summary>
public sealed class CaptureBookBuilderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ttt-builder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Generate(long messages)
    {
        string path = Path.Combine(_dir, $"day-{messages}.itch");
        using (var writer = new DayFileWriter(File.Create(path)))
            FeedGenerator.Run(new GeneratorOptions { Symbols = 200, Messages = messages, Seed = 5 }, writer);
        return path;
    }

    private static OrderBook NewBook() => new(new BookOptions { MaxOrders = 1 << 16, MaxSymbols = 256, Levels = 1024 });

    /// <summary>Every symbol's best five levels a side, and the book's counters, as text.</summary>
    private static string Snapshot(OrderBook book)
    {
        var text = new System.Text.StringBuilder();
        Span<PriceLevel> levels = stackalloc PriceLevel[5];
        for (ushort locate = 1; locate <= book.MaxSymbols; locate++)
        {
            foreach (Side side in new[] { Side.Bid, Side.Ask })
            {
                int n = book.Depth(locate, side, levels);
                for (int i = 0; i < n; i++)
                    text.Append($"{locate} {side} {levels[i].Price} {levels[i].Shares} {levels[i].Orders}\n");
            }
        }
        foreach ((string name, long value) in book.Counters.ToPairs())
            text.Append($"{name} {value}\n");
        return text.ToString();
    }

    [Fact]
    public void SmallWindows_BuildTheSameBook_AndCountTheSameRecords_AsOneWindow()
    {
        // The generated day, with an empty record and a record of unknown type 'z' after every 97th.
        byte[] generated = File.ReadAllBytes(Generate(8_000));
        var mixed = new List<byte>(generated.Length + 10_000);
        int records = 0, inserted = 0;
        foreach ((int Offset, int Length) record in DayFileRecords.Records(generated))
        {
            DayFileRecords.Append(mixed, DayFileRecords.Message(generated, record));
            if (++records % 97 == 0)
            {
                DayFileRecords.Append(mixed, []);
                DayFileRecords.Append(mixed, "z12"u8);
                inserted++;
            }
        }
        string day = Path.Combine(_dir, "mixed.itch");
        File.WriteAllBytes(day, [.. mixed]);
        Assert.True(mixed.Count > 3L * CaptureBookBuilder.MaxDayFileRecord, $"the day ({mixed.Count} bytes) should span several windows");

        using OrderBook whole = NewBook();
        CaptureBookBuilder.BuildResult expected = CaptureBookBuilder.Build(day, whole);
        Assert.Equal((8_000L, 8_000L + 2 * inserted, (long)inserted, (long)inserted, false),
            (expected.Messages, expected.Feed.Messages, expected.Feed.ItchEmpty, expected.Feed.ItchUnknownType, expected.Truncated));
        Assert.True(whole.Orders.Count > 500);
        string book = Snapshot(whole);

        for (int window = CaptureBookBuilder.MaxDayFileRecord; window < CaptureBookBuilder.MaxDayFileRecord + 64; window++)
        {
            using OrderBook windowed = NewBook();
            CaptureBookBuilder.BuildResult r = CaptureBookBuilder.Build(day, windowed, null, readIntoMemory: true, warmUp: false, window);
            Assert.Equal(expected.Feed, r.Feed);
            Assert.Equal((expected.Messages, false), (r.Messages, r.Truncated));
            Assert.Equal(book, Snapshot(windowed));
        }
    }

    [Theory]
    [InlineData(1)] // only the first byte of the last record's length
    [InlineData(2)] // its length, none of its message
    [InlineData(10)] // part of its message
    public void ADayThatEndsInsideARecord_ReportsIt_AndAppliesEveryWholeRecord(int keptOfLastRecord)
    {
        byte[] bytes = File.ReadAllBytes(Generate(5_000));
        int last = DayFileRecords.LastRecordOffset(bytes);
        string cut = Path.Combine(_dir, "cut.itch"), whole = Path.Combine(_dir, "whole.itch");
        File.WriteAllBytes(cut, bytes.AsSpan(0, last + keptOfLastRecord).ToArray());
        File.WriteAllBytes(whole, bytes.AsSpan(0, last).ToArray());

        foreach (int window in new[] { CaptureBookBuilder.DayFileWindowBytes, CaptureBookBuilder.MaxDayFileRecord })
        {
            using OrderBook expected = NewBook(), actual = NewBook();
            CaptureBookBuilder.BuildResult e = CaptureBookBuilder.Build(whole, expected, null, readIntoMemory: false, warmUp: false, window);
            CaptureBookBuilder.BuildResult r = CaptureBookBuilder.Build(cut, actual, null, readIntoMemory: true, warmUp: false, window);
            Assert.Equal((false, true), (e.Truncated, r.Truncated));
            Assert.Equal(e.Messages, r.Messages);
            Assert.Equal(Snapshot(expected), Snapshot(actual));
        }
    }

    [Fact]
    public void AWindowSmallerThanTheLongestRecord_IsRefused()
    {
        string day = Generate(1_000);
        using OrderBook book = NewBook();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CaptureBookBuilder.Build(day, book, null, readIntoMemory: false, warmUp: false, CaptureBookBuilder.MaxDayFileRecord - 1));
    }
}
