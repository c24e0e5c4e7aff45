using System.CommandLine;
using TickToTrade.App.Jobs;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Inspection;

namespace TickToTrade.App.Cli;

/// <summary><c>ttt inspect FILE</c>: one JSON object describing a capture.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A pcap, pcapng or NASDAQ binary ITCH 5.0 day file (detected from its first bytes)." };
        var feed = new Option<string[]>("--feed")
        {
            Description = "Only count UDP datagrams to these endpoints (e.g. 233.54.12.111:26477; repeatable). Default: every UDP datagram.",
            AllowMultipleArgumentsPerToken = true,
        };
        var noChecksums = new Option<bool>("--no-verify-checksums")
        {
            Description = "Accept IPv4 and UDP checksums without verifying them (anonymised captures zero them).",
        };
        var command = new Command("inspect",
            "Decode a capture (Ethernet/VLAN/IPv4/UDP/MoldUDP64/ITCH 5.0) and print one JSON object: packets, messages, counts by type, sessions, gaps, duplicates, malformed, and every drop counter.")
        {
            file, feed, noChecksums,
        };
        command.SetAction(p => CliGuard.Run(() =>
        {
            string[] endpoints = p.GetValue(feed) ?? [];
            var filter = new FeedFilter([.. endpoints.Select(FeedEndpoint.Parse)], verifyChecksums: !p.GetValue(noChecksums));
            CaptureSummary summary = CaptureInspector.Inspect(p.GetValue(file)!, filter);
            Console.WriteLine(CaptureSummaryJson.Write(summary));
            return 0;
        }));
        return command;
    }
}
