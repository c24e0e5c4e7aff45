using TickToTrade.Book.Replay;
using TickToTrade.MarketData.Generation;

namespace TickToTrade.Book.Tests;

/// <summary>
/// Day files are read a window at a time: with the smallest window (one longest record),
/// a generated day crosses dozens of window ends, and the book must come out exactly as
/// from one window; a file that ends inside a record reports it and applies the rest.
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

    private static OrderBook NewBook() => new(new BookOptions { MaxOrders = 1 << 16, MaxSymbols = 256, LevelsPerSide = 64 });

    /// <summary>Every symbol's top of book, best five levels a side, and the book's counters, as text.</summary>
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
    public void SmallWindows_BuildTheSameBookAsOneWindow()
    {
        string day = Generate(20_000);
        long length = new FileInfo(day).Length;
        Assert.True(length > 8L * CaptureBookBuilder.MaxDayFileRecord, $"the day ({length} bytes) should span several windows");

        using OrderBook whole = NewBook(), windowed = NewBook();
        CaptureBookBuilder.BuildResult a = CaptureBookBuilder.Build(day, whole);
        CaptureBookBuilder.BuildResult b = CaptureBookBuilder.Build(day, windowed, null, readIntoMemory: true, warmUp: false, CaptureBookBuilder.MaxDayFileRecord);

        Assert.Equal(20_000, a.Messages); // the generator's count includes the system events and the directory
        Assert.Equal((a.Messages, a.Feed.Messages, 0L), (b.Messages, b.Feed.Messages, b.TruncatedRecords));
        Assert.True(whole.Orders.Count > 1000);
        Assert.Equal(Snapshot(whole), Snapshot(windowed));
    }

    [Theory]
    [InlineData(1)] // only the first byte of the last record's length
    [InlineData(2)] // its length, none of its message
    [InlineData(10)] // part of its message
    public void ADayThatEndsInsideARecord_ReportsIt_AndAppliesEveryWholeRecord(int keptOfLastRecord)
    {
        string day = Generate(5_000);
        byte[] bytes = File.ReadAllBytes(day);
        int last = 0;
        for (int o = 0; o < bytes.Length; o += 2 + (bytes[o] << 8 | bytes[o + 1]))
            last = o;
        string cut = Path.Combine(_dir, "cut.itch"), whole = Path.Combine(_dir, "whole.itch");
        File.WriteAllBytes(cut, bytes.AsSpan(0, last + keptOfLastRecord).ToArray());
        File.WriteAllBytes(whole, bytes.AsSpan(0, last).ToArray());

        foreach (int window in new[] { CaptureBookBuilder.DayFileWindowBytes, CaptureBookBuilder.MaxDayFileRecord })
        {
            using OrderBook expected = NewBook(), actual = NewBook();
            CaptureBookBuilder.BuildResult e = CaptureBookBuilder.Build(whole, expected, null, readIntoMemory: false, warmUp: false, window);
            CaptureBookBuilder.BuildResult r = CaptureBookBuilder.Build(cut, actual, null, readIntoMemory: true, warmUp: false, window);
            Assert.Equal((0L, 1L), (e.TruncatedRecords, r.TruncatedRecords));
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
