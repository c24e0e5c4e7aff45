using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TickToTrade.Book;
using TickToTrade.Book.Replay;

namespace TickToTrade.App.Cli;

/// <summary><c>ttt book FILE --top | --bench</c>: builds the full-depth book from a capture.</summary>
public static class BookCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A pcap, pcapng or ITCH 5.0 day file." };
        var top = new Option<bool>("--top") { Description = "Print \"<locate> <stock> <bid_price> <bid_shares> <ask_price> <ask_shares>\" for every locate with a live order, sorted by locate; prices in 1/10000 dollar, \"- 0\" for an empty side, \"?\" for a stock the directory has not named; a line ends in \" degraded\" when that symbol's book is incomplete (see the ALARM lines on stderr)." };
        var bench = new Option<bool>("--bench") { Description = "Print JSON: messages, seconds, messages/s and ns/message of the book build (the capture read into memory and built once untimed, to warm the caches, first), whether a day file ended inside a record, live and peak orders, the book's bytes, the level pool's capacity and peak use, the order store's probe lengths (mean, p99, max) and its counters." };
        var maxOrders = new Option<int>("--max-orders") { Description = "Live orders the order store holds at once (16..2^30; the default, 2^22, is three times the peak of `ttt gen --profile realistic` at 50M messages, in a 128 MB table).", DefaultValueFactory = _ => new BookOptions().MaxOrders };
        var maxSymbols = new Option<int>("--max-symbols") { Description = "Highest stock locate tracked (1..65535; the default is every locate ITCH can carry). Events for a higher locate are counted and not applied.", DefaultValueFactory = _ => new BookOptions().MaxSymbols };
        var noChecksums = new Option<bool>("--no-verify-checksums") { Description = "Accept IPv4 and UDP checksums without verifying them (anonymised captures zero them)." };
        var levels = new Option<long>("--levels") { Description = "Price levels in the pool that every symbol's sides share beyond their best seven (1..2^30, rounded up to a multiple of 8; the default, 2^23 = 8,388,608 levels in 128 MB, lets one side rest millions of levels). The pool hands out chunks of 32 levels and, per side that goes deep, an 8-level chunk directory, so a side's first deep level takes 40; a symbol is degraded when the pool has no block of the size it needs.", DefaultValueFactory = _ => new BookOptions().Levels };
        var command = new Command("book", "Build the full-depth order book of every stock locate from a capture (A F E C X D U, trades and state messages).")
        {
            file, top, bench, maxOrders, maxSymbols, levels, noChecksums,
        };
        command.SetAction(p => CliGuard.Run(() =>
        {
            if (p.GetValue(top) == p.GetValue(bench))
                throw new ArgumentException("say what to print: --top or --bench (one of them)");
            var options = new BookOptions
            {
                MaxOrders = p.GetValue(maxOrders), MaxSymbols = p.GetValue(maxSymbols), Levels = p.GetValue(levels),
                HashSeed = Configuration.BookConfig.RandomSeed(),
            };
            options.Validate();
            using var book = new OrderBook(options);
            var filter = new MarketData.Feed.FeedFilter(verifyChecksums: !p.GetValue(noChecksums));
            CaptureBookBuilder.BuildResult result = CaptureBookBuilder.Build(p.GetValue(file)!, book, filter, readIntoMemory: p.GetValue(bench), warmUp: p.GetValue(bench));
            if (result.Truncated)
                Console.Error.WriteLine($"ttt: book: {p.GetValue(file)} ends inside a record; that partial record was not applied");
            if (book.Counters.SymbolOutOfRange > 0)
                Console.Error.WriteLine($"ttt: book: {book.Counters.SymbolOutOfRange} stock-dependent messages had a stock locate outside 1..{options.MaxSymbols} (--max-symbols) and were not applied");
            while (book.Alarms.TryTake(out BookAlarm alarm))
                Console.Error.WriteLine($"ttt: book: {alarm}");
            Console.Out.Write(p.GetValue(top) ? TopLines(book) : BenchJson(book, result));
            return 0;
        }));
        return command;
    }

    private static string TopLines(OrderBook book)
    {
        var text = new StringBuilder();
        for (int locate = 1; locate <= book.MaxSymbols; locate++)
        {
            var key = new MarketData.Itch.StockLocate((ushort)locate);
            TopOfBook t = book.Top(key);
            if (!t.HasBid && !t.HasAsk)
                continue;
            ulong stock = book.Symbol(key).Stock;
            text.Append(locate.ToString(CultureInfo.InvariantCulture)).Append(' ')
                .Append(stock == 0 ? "?" : new MarketData.Itch.Symbol(stock).ToString()).Append(' ');
            Side(text, t.HasBid, t.Bid);
            text.Append(' ');
            Side(text, t.HasAsk, t.Ask);
            if (book.Symbol(key).Degraded)
                text.Append(" degraded"); // a capacity ran out or the feed repeated a reference: this top may be wrong
            text.Append('\n');
        }
        return text.ToString();
    }

    private static void Side(StringBuilder text, bool present, PriceLevel level)
    {
        if (present)
            text.Append(level.Price.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(level.Shares.ToString(CultureInfo.InvariantCulture));
        else
            text.Append("- 0");
    }

    private static string BenchJson(OrderBook book, CaptureBookBuilder.BuildResult r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("messages", r.Messages);
            w.WriteNumber("seconds", Math.Round(r.Seconds, 6));
            w.WriteNumber("messages_per_second", r.Messages == 0 ? 0 : Math.Round(r.Messages / r.Seconds));
            w.WriteNumber("ns_per_message", r.Messages == 0 ? 0 : Math.Round(r.Seconds * 1e9 / r.Messages, 2));
            w.WriteBoolean("truncated", r.Truncated);
            w.WriteNumber("live_orders", book.Orders.Count);
            w.WriteNumber("peak_live_orders", book.Orders.Peak);
            w.WriteNumber("book_bytes", book.Bytes);
            w.WriteNumber("level_pool_capacity", book.LevelPoolCapacity);
            w.WriteNumber("level_pool_peak", book.LevelPoolPeak);
            ProbeLengths probes = book.Orders.ProbeLengths();
            w.WriteStartObject("probe_lengths");
            w.WriteNumber("orders", probes.Orders);
            w.WriteNumber("mean", Math.Round(probes.Mean, 4));
            w.WriteNumber("p99", probes.P99);
            w.WriteNumber("max", probes.Max);
            w.WriteEndObject();
            w.WriteStartObject("counters");
            foreach ((string name, long value) in book.Counters.ToPairs())
                w.WriteNumber(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }
}
