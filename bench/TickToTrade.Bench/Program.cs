using System.CommandLine;
using TickToTrade.Bench.Measure;
using TickToTrade.Bench.Suites;
using TickToTrade.PacketIO.Dpdk;

namespace TickToTrade.Bench;

/// <summary><c>ttt-bench</c>: the project's performance numbers, measured in one run each.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var pcap = new Option<string>("--pcap")
        {
            Description = "Capture net_pcap replays (drained before timing).",
            DefaultValueFactory = _ => "tests/fixtures/itch50/Multiple.Packets.pcap",
        };
        var port = new Command("port", "Cost of an empty rx_burst poll and a 1-frame tx_burst through the DPDK shim.") { pcap };
        port.SetAction(p => Guard(() => RunPort(p.GetValue(pcap)!)));
        var memport = new Command("memport", "Throughput and allocations of the in-memory port pair.");
        memport.SetAction(_ => Guard(RunMemoryPort));
        var messages = new Option<long>("--messages") { Description = "Messages in the generated day.", DefaultValueFactory = _ => 50_000_000 };
        var symbols = new Option<int>("--symbols") { Description = "Symbols in the generated day.", DefaultValueFactory = _ => 8000 };
        var runs = new Option<int>("--runs") { Description = "Timed passes over the day; the median is reported.", DefaultValueFactory = _ => 5 };
        var dir = new Option<string>("--dir") { Description = "Where generated days are cached.", DefaultValueFactory = _ => "out/bench" };
        var parse = new Command("parse", "Parse-only throughput over a generated day held in memory: the whole feed path, and ITCH alone.") { messages, symbols, runs, dir };
        parse.SetAction(p => Guard(() => RunParse(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs))));
        var maxOrders = new Option<int>("--max-orders")
        {
            // Sized as OrderStore advises, about three times the day's peak: a 16 MB table,
            // which measured 0.96-0.97 of the time of the 32 MB one 2^20 gives, in the same process.
            Description = "The book's order-store capacity in live orders (the generated 8000-symbol day peaks near 300,000; the default is about three times that).",
            DefaultValueFactory = _ => 860_000,
        };
        var distances = new Option<int[]>("--distances")
        {
            Description = "Prefetch distances to time, interleaved run by run (0: no prefetch); the last is compared with the first.",
            DefaultValueFactory = _ => [0, 8],
            AllowMultipleArgumentsPerToken = true,
        };
        var book = new Command("book", "Full order-book build over a generated day held in memory: ns/message, messages/s, memory.") { messages, symbols, runs, dir, maxOrders, distances };
        book.SetAction(p => Guard(() => RunBook(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs), p.GetValue(maxOrders), p.GetValue(distances)!)));
        var pageCounts = new Option<int[]>("--pages")
        {
            Description = "Page counts to chase over (one 64-byte line in each 4 KB page); each is 2..1048576.",
            DefaultValueFactory = _ => [512, 1024, 2048, 4096, 8192, 16384],
            AllowMultipleArgumentsPerToken = true,
        };
        var chases = new Option<int>("--runs") { Description = "Timed chases of each layout; the median is reported.", DefaultValueFactory = _ => 5 };
        var pages = new Command("pages", "Cost of a dependent load as it spreads over more 4 KB pages (the arena's, ordinary ones, and a packed control): how far the TLB reaches.") { chases, pageCounts };
        pages.SetAction(p => Guard(() => RunPages(p.GetValue(chases), p.GetValue(pageCounts)!)));
        var all = new Command("all", "Every suite.") { pcap, messages, symbols, runs, dir, maxOrders, distances };
        all.SetAction(p => Guard(() => RunMemoryPort() | RunPort(p.GetValue(pcap)!) | RunPages(p.GetValue(runs), [512, 2048, 4096, 8192, 16384])
                                       | RunParse(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs))
                                       | RunBook(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs), p.GetValue(maxOrders), p.GetValue(distances)!)));
        var root = new RootCommand("ttt-bench: TickToTrade's benchmarks. Numbers are medians of several runs in one process; compare ratios, not absolutes, on a noisy machine.")
        {
            port, memport, pages, parse, book, all,
        };
        return root.Parse(args).Invoke();
    }

    private static int RunPort(string pcap)
    {
        try
        {
            IReadOnlyList<OpCost> costs = PortSuite.Run(pcap, Console.Error);
            foreach (OpCost c in costs)
                Console.WriteLine(c);
            double tx = costs.Single(c => c.Name.StartsWith("alloc 1 + tx_burst", StringComparison.Ordinal)).Median
                        - costs.Single(c => c.Name.StartsWith("alloc 1 + free", StringComparison.Ordinal)).Median;
            Console.WriteLine($"{"=> tx_burst of 1 frame (difference)",-34} median {tx,8:F1} ns/op");
            return 0;
        }
        finally
        {
            Eal.Cleanup();
        }
    }

    private static int RunParse(string dir, int symbols, long messages, int runs)
    {
        foreach (ParseSuite.Result r in ParseSuite.Run(dir, symbols, messages, seed: 1, runs, Console.Error))
            Console.WriteLine(r);
        return 0;
    }

    private static int RunBook(string dir, int symbols, long messages, int runs, int maxOrders, int[] distances)
    {
        // The day file is the one the parse suite generates (and caches) for the same options.
        ParseSuite.Ensure(dir, symbols, messages, seed: 1, Console.Error, out _, out string itch);
        if (distances.Length == 0)
            throw new InvalidOperationException("--distances needs at least one prefetch distance");
        var options = new TickToTrade.Book.BookOptions { MaxOrders = maxOrders };
        IReadOnlyList<BookSuite.Result> results = BookSuite.Run(itch, runs, options, distances);
        foreach (BookSuite.Result r in results)
            Console.WriteLine(r);
        if (results.Count > 1)
        {
            BookSuite.Result first = results[0], last = results[^1];
            double[] ratios = new double[runs];
            for (int i = 0; i < runs; i++)
                ratios[i] = last.RunNanosecondsPerMessage[i] / first.RunNanosecondsPerMessage[i];
            Console.WriteLine($"=> distance {last.Distance} / distance {first.Distance}, run by run: median {TickToTrade.Bench.Measure.Stats.Median(ratios):F2} of the time per message");
        }
        BookSuite.Result best = results[^1];
        Console.WriteLine($"=> floor in the same runs (the day read and dispatched, every field read, no book): median {best.FloorMedian:F2} ns/msg; " +
                          $"the book at distance {best.Distance} adds {best.Median - best.FloorMedian:F2} ns/msg");
        return 0;
    }

    private static int RunPages(int runs, int[] pageCounts)
    {
        foreach (int n in pageCounts)
            if (n is < 2 or > 1 << 20)
                throw new ArgumentException($"--pages: {n} is not 2..1048576");
        foreach (PagesSuite.Result r in PagesSuite.Run(runs, pageCounts))
            Console.WriteLine(r);
        return 0;
    }

    private static int RunMemoryPort()
    {
        Console.WriteLine(MemoryPortSuite.Run());
        return 0;
    }

    private static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is DpdkException or IOException or InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"ttt-bench: error: {e.Message}");
            return 2;
        }
    }
}
