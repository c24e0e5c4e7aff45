using TickToTrade.App.Configuration;
using TickToTrade.Book;
using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Sequencing;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.App.Jobs;

/// <summary>
/// The main job until the strategy lands: replay a capture through DPDK's
/// net_pcap PMD and run every frame through the market-data path in the engine's
/// kind of busy-poll loop: decode, filter, sequence, dispatch each ITCH message
/// into the order book. A capture cannot answer retransmission requests, so gaps are counted
/// and skipped here.
/// </summary>
public static class ReplayJob
{
    private const string Device = "net_pcap0";

    public static ReplayResult Run(EngineConfig config, TextWriter log)
    {
        string pcap = config.Replay.Pcap;
        if (string.IsNullOrWhiteSpace(pcap))
            throw new ConfigException("Replay.Pcap is empty: name the capture to replay");
        string full = Path.GetFullPath(pcap);
        if (!File.Exists(full))
            throw new ConfigException($"the capture to replay, \"{pcap}\", does not exist (looked at {full}; `make build` generates the default one)");
        if (full.Contains(','))
            throw new ConfigException($"the capture path \"{full}\" contains a comma, which DPDK device arguments cannot carry");
        var filter = new FeedFilter([.. config.Feed.Endpoints.Select(FeedEndpoint.Parse)],
            source: config.Feed.Source.Length > 0 ? Wire.Ipv4.Ipv4Address.Parse(config.Feed.Source) : null,
            verifyChecksums: config.Feed.VerifyChecksums);
        MarketData.MoldUdp64.MoldSession? session = config.Feed.Session.Length > 0 ? MarketData.MoldUdp64.MoldSession.FromString(config.Feed.Session) : null;

        string[] configured = [.. Eal.SplitArguments(config.Eal.Args), $"--vdev={Device},rx_pcap={full}"];
        (string[] args, string? note) = EalMemory.Resolve(configured);
        if (note is not null)
            log.WriteLine(note);
        Eal.Initialize(args);
        try
        {
            ushort portId = Eal.PortByName(Device);
            using PacketMempool pool = PacketMempool.Create("replay_rx", config.Eal.MempoolSize, EthDevice.QueryInfo(portId).SocketId);
            using EthDevice device = EthDevice.Start(portId, pool);
            using var sequencer = new MoldSequencer(new SequencerOptions { RecoverGaps = false, Session = session });
            using var book = new OrderBook(config.Book.ToOptions());
            var feed = new FeedPath(filter, sequencer, book);
            DpdkPort port = device.CreatePort();
            ulong idle = Tsc.FromMilliseconds(config.Replay.IdleMilliseconds);

            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            int gen0Before = GC.CollectionCount(0);
            ulong start = Tsc.Now;
            ulong lastFrame = PollUntilIdle(ref port, ref feed, idle, start);
            int gen0 = GC.CollectionCount(0) - gen0Before;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            while (sequencer.Events.TryTake(out FeedEvent e))
                log.WriteLine($"ttt: feed: {e}");
            while (book.Alarms.TryTake(out BookAlarm alarm))
                log.WriteLine($"ttt: book: {alarm}");
            int symbolsWithOrders = 0;
            for (int locate = 1; locate <= book.MaxSymbols; locate++)
            {
                TopOfBook top = book.Top(new StockLocate((ushort)locate));
                if (top.HasBid || top.HasAsk)
                    symbolsWithOrders++;
            }
            var byType = new List<(char, long)>();
            foreach (byte t in ItchMessageLengths.Types)
            {
                if (feed.Sink.ByType[t] != 0)
                    byType.Add(((char)t, feed.Sink.ByType[t]));
            }
            PortCounters counters = port.Counters;
            double seconds = Tsc.ToNanoseconds(lastFrame - start) / 1e9;
            return new ReplayResult(pcap, Device, device.Info.Driver, counters.RxFrames, counters.RxBytes, seconds, allocated, gen0,
                counters, feed.Counters, byType, sequencer.State, book.Counters, book.Orders.Count, symbolsWithOrders);
        }
        finally
        {
            Eal.Cleanup();
        }
    }

    /// <summary>The market-data half of the loop: everything a received frame goes through.</summary>
    public struct FeedPath(FeedFilter filter, MoldSequencer sequencer, OrderBook book)
    {
        public FeedCounters Counters;
        public CountingItchSink Sink = CountingItchSink.Create(book);
        private NoRetransmitRequester _requester;

        public void OnFrame(ReadOnlySpan<byte> frame, ulong now)
        {
            if (FeedDecoder.TryDecode(frame, filter, ref Counters, out ReadOnlySpan<byte> payload))
                sequencer.Process(payload, now, ref Counters, ref Sink, ref _requester);
        }
    }

    /// <summary>
    /// Polls until no frame has arrived for <paramref name="idleTicks"/> (net_pcap
    /// signals no end of file); every frame goes through the feed path and is
    /// freed. Returns the TSC of the last frame (or <paramref name="start"/>).
    /// </summary>
    public static ulong PollUntilIdle<TPort>(ref TPort port, ref FeedPath feed, ulong idleTicks, ulong start)
        where TPort : struct, IPacketPort
    {
        Span<PacketBuffer> burst = stackalloc PacketBuffer[32];
        ulong lastFrame = start;
        while (true)
        {
            int n = port.Receive(burst);
            ulong now = Tsc.Now;
            if (n == 0)
            {
                if (now - lastFrame > idleTicks)
                    return lastFrame;
                continue;
            }
            lastFrame = now;
            for (int i = 0; i < n; i++)
                feed.OnFrame(burst[i].Span, now);
            port.Free(burst[..n]);
        }
    }
}
