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
        var stack = new Command("stack", "Our TCP/IP stack's own CPU time for a 64-byte round trip: two of our stacks on one thread over the in-memory port pair, ACK at iteration end on and off.");
        stack.SetAction(_ => Guard(RunStack));
        var messages = new Option<long>("--messages") { Description = "Messages in the generated day.", DefaultValueFactory = _ => 50_000_000 };
        var symbols = new Option<int>("--symbols") { Description = "Symbols in the generated day.", DefaultValueFactory = _ => 8000 };
        var runs = new Option<int>("--runs") { Description = "Timed passes over the day; the median is reported.", DefaultValueFactory = _ => 5 };
        var dir = new Option<string>("--dir") { Description = "Where generated days are cached.", DefaultValueFactory = _ => "out/bench" };
        var parse = new Command("parse", "Parse-only throughput over a generated day held in memory: the whole feed path, and ITCH alone.") { messages, symbols, runs, dir };
        parse.SetAction(p => Guard(() => RunParse(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs))));
        var maxOrders = new Option<int>("--max-orders")
        {
            Description = "The book's order-store capacity in live orders (default: the book's own default, 2^22).",
            DefaultValueFactory = _ => new TickToTrade.Book.BookOptions().MaxOrders,
        };
        var levels = new Option<long>("--levels")
        {
            Description = "The book's shared level pool, in price levels (default: the book's own default, 2^23).",
            DefaultValueFactory = _ => new TickToTrade.Book.BookOptions().Levels,
        };
        var distance = new Option<int>("--distance")
        {
            Description = "Prefetch distance in messages (0: no prefetch; 8 is the sequencer's default).",
            DefaultValueFactory = _ => 8,
        };
        var profiles = new Option<string[]>("--profiles")
        {
            Description = "ttt gen profiles to bench, each with every numbering of --refs: default (prices near the touch) and realistic (over a million live orders, deep symbols).",
            DefaultValueFactory = _ => ["default", "realistic"],
            AllowMultipleArgumentsPerToken = true,
        };
        var refs = new Option<string[]>("--refs")
        {
            Description = "Reference numberings: nasdaq (increasing from 1) and random64 (a seeded permutation of the whole 64-bit range, with locates up to 65,535).",
            DefaultValueFactory = _ => ["nasdaq", "random64"],
            AllowMultipleArgumentsPerToken = true,
        };
        var book = new Command("book", "Full order-book build over generated days held in memory (each profile with each numbering, timed interleaved in one process, with the default capacities): ns/message, the ratios between days, the floor pass, memory, peak live orders, probe lengths; then the order store under six reference patterns.")
        {
            messages, symbols, runs, dir, maxOrders, levels, distance, profiles, refs,
        };
        book.SetAction(p => Guard(() => RunBook(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs), p.GetValue(maxOrders), p.GetValue(levels),
            p.GetValue(distance), p.GetValue(profiles)!, p.GetValue(refs)!)));
        var pageCounts = new Option<int[]>("--pages")
        {
            Description = "Page counts to chase over (one 64-byte line in each 4 KB page); each is 2..1048576.",
            DefaultValueFactory = _ => [512, 1024, 2048, 4096, 8192, 16384],
            AllowMultipleArgumentsPerToken = true,
        };
        var chases = new Option<int>("--runs") { Description = "Timed chases of each layout; the median is reported.", DefaultValueFactory = _ => 5 };
        var pages = new Command("pages", "Cost of a dependent load as it spreads over more 4 KB pages (the arena's, ordinary ones, and a packed control): how far the TLB reaches.") { chases, pageCounts };
        pages.SetAction(p => Guard(() => RunPages(p.GetValue(chases), p.GetValue(pageCounts)!)));
        var all = new Command("all", "Every suite.") { pcap, messages, symbols, runs, dir, maxOrders, levels, distance, profiles, refs };
        all.SetAction(p => Guard(() => RunMemoryPort() | RunStack() | RunPort(p.GetValue(pcap)!) | RunPages(p.GetValue(runs), [512, 2048, 4096, 8192, 16384])
                                       | RunParse(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs))
                                       | RunBook(p.GetValue(dir)!, p.GetValue(symbols), p.GetValue(messages), p.GetValue(runs), p.GetValue(maxOrders), p.GetValue(levels),
                                           p.GetValue(distance), p.GetValue(profiles)!, p.GetValue(refs)!)));
        var root = new RootCommand("ttt-bench: TickToTrade's benchmarks. Numbers are medians of several runs in one process; compare ratios, not absolutes, on a noisy machine.")
        {
            port, memport, stack, pages, parse, book, all,
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

    private static int RunBook(string dir, int symbols, long messages, int runs, int maxOrders, long levels, int distance, string[] profiles, string[] refs)
    {
        var days = new List<(BookDay Day, string Path)>();
        foreach (string profile in profiles)
        {
            foreach (string numbering in refs)
            {
                var day = new BookDay(ParseName<TickToTrade.MarketData.Generation.GeneratorProfile>(profile, "--profiles"),
                    ParseName<TickToTrade.MarketData.Generation.ReferenceNumbering>(numbering, "--refs"));
                days.Add((day, day.Ensure(dir, symbols, messages, seed: 1, Console.Error)));
            }
        }
        var options = new TickToTrade.Book.BookOptions { MaxOrders = maxOrders, Levels = levels };
        options.Validate();
        BookSuite.Result result = BookSuite.Run(days, runs, options, distance);
        foreach (BookSuite.DayResult d in result.Days)
            Console.WriteLine(d);
        Console.WriteLine(result);
        // Run-by-run ratios: each numbering against the first, within a profile, and each profile against the first, per numbering.
        foreach (BookSuite.DayResult d in result.Days)
        {
            BookSuite.DayResult? sameProfile = result.Days.FirstOrDefault(o => o.Day.Profile == d.Day.Profile);
            if (sameProfile != null && sameProfile != d)
                Console.WriteLine($"=> {d.Day.Name} / {sameProfile.Day.Name}: median {Ratio(d, sameProfile, runs):F3} of the time per message, run by run");
            BookSuite.DayResult? sameRefs = result.Days.FirstOrDefault(o => o.Day.References == d.Day.References);
            if (sameRefs != null && sameRefs != d)
                Console.WriteLine($"=> {d.Day.Name} / {sameRefs.Day.Name}: median {Ratio(d, sameRefs, runs):F3} of the time per message, run by run");
        }
        long peak = result.Days.Max(d => d.PeakLiveOrders);
        foreach (StorePatternSuite.Result r in StorePatternSuite.Run(maxOrders, (int)Math.Max(peak, 1_000_000), new TickToTrade.Book.BookOptions().HashSeed))
            Console.WriteLine(r);
        return 0;
    }

    private static double Ratio(BookSuite.DayResult a, BookSuite.DayResult b, int runs)
    {
        double[] ratios = new double[runs];
        for (int i = 0; i < runs; i++)
            ratios[i] = a.RunNanosecondsPerMessage[i] / b.RunNanosecondsPerMessage[i];
        return Stats.Median(ratios);
    }

    private static T ParseName<T>(string name, string option) where T : struct, Enum =>
        Enum.TryParse(name, ignoreCase: true, out T value) && Enum.IsDefined(value)
            ? value
            : throw new ArgumentException($"{option}: no such name '{name}' (one of: {string.Join(", ", Enum.GetNames<T>()).ToLowerInvariant()})");

    private static int RunPages(int runs, int[] pageCounts)
    {
        foreach (int n in pageCounts)
            if (n is < 2 or > 1 << 20)
                throw new ArgumentException($"--pages: {n} is not 2..1048576");
        foreach (PagesSuite.Result r in PagesSuite.Run(runs, pageCounts))
            Console.WriteLine(r);
        return 0;
    }

    private static int RunStack()
    {
        // Interleaved, three times each: the two settings see the same machine.
        for (int run = 0; run < 3; run++)
        {
            Console.WriteLine(StackPingPongSuite.Run(ackAtIterationEnd: true));
            Console.WriteLine(StackPingPongSuite.Run(ackAtIterationEnd: false));
        }
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
