using System.CommandLine;
using System.Text;
using System.Text.Json;
using TickToTrade.MarketData.Generation;

namespace TickToTrade.App.Cli;

/// <summary><c>ttt gen</c>: writes a deterministic, realistic ITCH 5.0 day as a MoldUDP64 pcap or a day file.</summary>
public static class GenCommand
{
    public static Command Create()
    {
        var symbols = new Option<int>("--symbols") { Description = "Securities in the stock directory (1..65535).", DefaultValueFactory = _ => 100 };
        var messages = new Option<long>("--messages") { Description = "Total ITCH messages to write, system events and directory included.", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed and options give the same bytes.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "pcap: MoldUDP64 over UDP multicast in Ethernet frames; itch: NASDAQ's binary day file (2-byte length + message).", DefaultValueFactory = _ => "pcap" };
        format.AcceptOnlyFromAmong("pcap", "itch");
        var output = new Option<string>("--out") { Description = "File to write (replaced if it exists).", Required = true };
        var gapEvery = new Option<int>("--gap-every") { Description = "pcap only: drop every K-th MoldUDP64 packet, leaving sequence gaps.", DefaultValueFactory = _ => 0 };
        var ab = new Option<bool>("--ab") { Description = "pcap only: write every packet on both the A (233.54.12.111:26477) and the B (233.54.12.112:26478) line." };
        var maxLocate = new Option<int?>("--max-locate")
        {
            Description = "Spread the symbols' stock locates over 1..N (distinct, in random order, always including 1 and N), --symbols <= N <= 65535. " +
                "Default: --symbols, giving locates 1..symbols in directory order.",
        };
        var refs = new Option<string>("--refs")
        {
            Description = "Order reference numbering. nasdaq: increasing from 1 in steps of 1-4. random64: the same counter through a seeded 64-bit " +
                "permutation, so references spread over 1..2^64-1 and stay distinct over the day. Trades (P) keep reference 0.",
            DefaultValueFactory = _ => "nasdaq",
        };
        var profile = new Option<string>("--profile")
        {
            Description = "Order flow shape. default: adds balance removals, at most 4096 live orders a symbol, prices 1-30 ticks from the touch. " +
                "realistic: adds outweigh removals over the first quarter of the flow, balance them over the middle half and fall short over the last, " +
                "with no per-symbol cap, so the live orders peak near 2.5% of the messages (over a million for 50,000,000); 5% of adds rest 30-3000 ticks " +
                "from the touch, and the four most active names rest 35% of theirs 31-30,000 ticks away (over 20,000 levels on the deepest side at 50,000,000 messages).",
            DefaultValueFactory = _ => "default",
        };
        var command = new Command("gen",
            "Generate a deterministic TotalView-ITCH 5.0 session: system events, stock directory, trading actions, then order flow that keeps a valid book " +
            "(about 95% of orders cancelled, prices near the touch with a far tail under --profile realistic, heavy-tailed sizes, power-law activity, bursts packed several to a MoldUDP64 packet). " +
            "Streams to disk; prints a JSON summary.")
        {
            symbols, messages, seed, format, output, gapEvery, ab, maxLocate, refs, profile,
        };
        command.SetAction(p => CliGuard.Run(() =>
        {
            var options = new GeneratorOptions
            {
                Symbols = p.GetValue(symbols),
                Messages = p.GetValue(messages),
                Seed = p.GetValue(seed),
                GapEvery = p.GetValue(gapEvery),
                ABLines = p.GetValue(ab),
                MaxLocate = p.GetValue(maxLocate),
                References = ParseReferences(p.GetValue(refs)!),
                Profile = ParseProfile(p.GetValue(profile)!),
            };
            options.Validate();
            bool pcap = p.GetValue(format) == "pcap";
            if (!pcap && (options.GapEvery != 0 || options.ABLines))
                throw new ArgumentException("--gap-every and --ab apply to packets: use them with --format pcap");
            string path = p.GetValue(output)!;
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
            IMessageWriter writer = pcap ? new MoldPcapWriter(stream, options) : new DayFileWriter(stream);
            using (writer)
            {
                GeneratorSummary summary = FeedGenerator.Run(options, writer);
                Console.WriteLine(Json(summary, path, writer as MoldPcapWriter));
            }
            return 0;
        }));
        return command;
    }

    private static ReferenceNumbering ParseReferences(string name) => name switch
    {
        "nasdaq" => ReferenceNumbering.Nasdaq,
        "random64" => ReferenceNumbering.Random64,
        _ => throw new ArgumentException($"--refs must be nasdaq or random64, not \"{name}\""),
    };

    private static GeneratorProfile ParseProfile(string name) => name switch
    {
        "default" => GeneratorProfile.Default,
        "realistic" => GeneratorProfile.Realistic,
        _ => throw new ArgumentException($"--profile must be default or realistic, not \"{name}\""),
    };

    private static string Json(GeneratorSummary s, string path, MoldPcapWriter? pcap)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("out", path);
            w.WriteNumber("messages", s.Messages);
            if (pcap is not null)
            {
                w.WriteNumber("packets", pcap.Packets);
                w.WriteNumber("dropped_packets", pcap.DroppedPackets);
                w.WriteNumber("frames", pcap.Frames);
            }
            w.WriteStartObject("by_type");
            foreach ((char type, long count) in s.ByType)
                w.WriteNumber(type.ToString(), count);
            w.WriteEndObject();
            w.WriteNumber("orders_added", s.OrdersAdded);
            w.WriteNumber("orders_deleted", s.OrdersDeleted);
            w.WriteNumber("orders_replaced", s.OrdersReplaced);
            w.WriteNumber("orders_fully_executed", s.OrdersFullyExecuted);
            w.WriteNumber("live_orders_at_end", s.LiveOrdersAtEnd);
            w.WriteNumber("peak_live_orders", s.PeakLiveOrders);
            w.WriteNumber("max_side_levels", s.MaxSideLevels);
            w.WriteNumber("cancelled_fraction", Math.Round(s.CancelledFraction, 4));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
