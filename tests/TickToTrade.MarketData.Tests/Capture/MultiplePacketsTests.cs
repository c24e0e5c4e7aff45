using TickToTrade.MarketData.Feed;
using TickToTrade.MarketData.Inspection;
using TickToTrade.MarketData.Itch.Messages;
using TickToTrade.MarketData.MoldUdp64;
using TickToTrade.MarketData.Tests.Support;
using TickToTrade.Wire;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.MarketData.Tests.Capture;

/// <summary>The real capture of 2023-08-22 (shared/data/real/itch50/README.md), decoded layer by layer.</summary>
public sealed class MultiplePacketsTests
{
    [Fact]
    public void EveryLayer_MatchesTheCaptureReadme()
    {
        List<byte[]> frames = CaptureFrames.Read(Fixtures.Itch50("Multiple.Packets.pcap"));
        Assert.Equal(2, frames.Count);
        var packets = new List<(ulong Seq, int Count, Dictionary<char, int> ByType)>();
        var counters = new FeedCounters();
        foreach (byte[] frame in frames)
        {
            Assert.Equal(WireStatus.Ok, EthernetFrame.TryCreate(frame, out EthernetFrame eth));
            Assert.Equal(141, eth.VlanId);
            Assert.Equal(WireStatus.Ok, Ipv4Packet.TryCreate(eth.Payload, out Ipv4Packet ip));
            Assert.Equal("206.200.127.138", ip.Source.ToString());
            Assert.Equal("233.54.12.111", ip.Destination.ToString());

            Assert.True(FeedDecoder.TryDecode(frame, new FeedFilter([FeedEndpoint.Parse("233.54.12.111:26477")]), ref counters, out ReadOnlySpan<byte> payload));
            Assert.True(MoldPacket.TryCreate(payload, out MoldPacket mold));
            Assert.Equal("000010059B", mold.Session.ToString());
            var byType = new Dictionary<char, int>();
            MoldMessageReader reader = mold.GetMessages();
            while (reader.TryRead(out ReadOnlySpan<byte> m))
                byType[(char)m[0]] = byType.GetValueOrDefault((char)m[0]) + 1;
            Assert.False(reader.Malformed);
            packets.Add((mold.SequenceNumber, mold.MessageCount, byType));
        }
        Assert.Equal(14764496UL, packets[0].Seq);
        Assert.Equal(1, packets[0].Count);
        Assert.Equal(1, packets[0].ByType['D']);
        Assert.Equal(19009117UL, packets[1].Seq);
        Assert.Equal(38, packets[1].Count);
        Assert.Equal(36, packets[1].ByType['A']);
        Assert.Equal(2, packets[1].ByType['F']);
        Assert.Equal(2, counters.Frames);
        Assert.Equal(0, counters.FramesDropped);
    }

    [Fact]
    public void FirstAddOrderOfThe38_HasTheFieldsTheSpecLayoutGives()
    {
        List<byte[]> frames = CaptureFrames.Read(Fixtures.Itch50("Multiple.Packets.pcap"));
        var c = new FeedCounters();
        Assert.True(FeedDecoder.TryDecode(frames[1], FeedFilter.Any, ref c, out ReadOnlySpan<byte> payload));
        MoldPacket.TryCreate(payload, out MoldPacket mold);
        MoldMessageReader reader = mold.GetMessages();
        Assert.True(reader.TryRead(out ReadOnlySpan<byte> first));
        Assert.True(AddOrderMessage.TryCreate(first, out AddOrderMessage a));
        Assert.Equal(6514, a.StockLocate.Value);
        Assert.Equal(34238952381153UL, a.Timestamp);
        Assert.Equal(7942047UL, a.OrderReference.Value);
        Assert.Equal((byte)'B', a.Side);
        Assert.Equal(1u, a.Shares);
        Assert.Equal("META", a.Stock.ToString());
        Assert.Equal(805200u, a.Price.Value);
        Assert.Equal("80.5200", a.Price.ToString());
    }

    [Fact]
    public void Inspector_CountsPacketsMessagesAndTheGapBetweenThem()
    {
        foreach (string name in new[] { "Multiple.Packets.pcap", "Multiple.Packets.pcapng" })
        {
            CaptureSummary s = CaptureInspector.Inspect(Fixtures.Itch50(name));
            Assert.Equal(2, s.Packets);
            Assert.Equal(39, s.Messages);
            Assert.Equal([('A', 36L), ('F', 2L), ('D', 1L)], s.ByType.OrderBy(t => "SRHYLVWKJhAFECXDUPQBINO".IndexOf(t.Type)).ToList());
            SessionSummary session = Assert.Single(s.Sessions);
            Assert.Equal("000010059B", session.Session.ToString());
            Assert.Equal(14764496UL, session.FirstSequence);
            Assert.Equal(19009117UL + 38, session.NextSequence);
            Assert.Equal(1, s.Gaps); // 14764497..19009116 are not in the capture
            Assert.Equal(19009117 - 14764497, s.Counters.GapMessages);
            Assert.Equal(0, s.Duplicates);
            Assert.Equal(0, s.Malformed);
        }
    }

    [Fact]
    public void DayFile_Has1S_993R_3H_3Y()
    {
        CaptureSummary s = CaptureInspector.Inspect(Fixtures.DayFile);
        Assert.Equal(1000, s.Messages);
        Assert.Equal(0, s.Packets);
        Assert.Equal([('S', 1L), ('R', 993L), ('H', 3L), ('Y', 3L)], s.ByType);
        Assert.Equal(0, s.Malformed);
        Assert.Equal(0, s.TruncatedRecords);
    }

    [Fact]
    public void DayFile_FirstMessages_DecodeFieldByField()
    {
        using var bytes = PacketIO.Capture.CaptureBytes.Open(Fixtures.DayFile);
        var reader = new MarketData.Capture.ItchDayFileReader(bytes);
        Assert.True(reader.TryRead(out ReadOnlySpan<byte> first));
        Assert.True(SystemEventMessage.TryCreate(first, out SystemEventMessage s));
        Assert.Equal(0, s.StockLocate.Value);
        Assert.Equal(11072057543747UL, s.Timestamp);
        Assert.Equal((byte)'O', s.EventCode);
        Assert.True(reader.TryRead(out ReadOnlySpan<byte> second));
        Assert.True(StockDirectoryMessage.TryCreate(second, out StockDirectoryMessage r));
        Assert.Equal(1, r.StockLocate.Value);
        Assert.Equal(11354325413976UL, r.Timestamp);
        Assert.Equal("A", r.Stock.ToString());
        Assert.Equal((byte)'N', r.MarketCategory);
        Assert.Equal((byte)' ', r.FinancialStatusIndicator);
        Assert.Equal(100u, r.RoundLotSize);
        Assert.Equal((byte)'N', r.RoundLotsOnly);
        Assert.Equal((byte)'C', r.IssueClassification);
        Assert.Equal("Z", r.IssueSubType.ToString());
        Assert.Equal((byte)'P', r.Authenticity);
        Assert.Equal((byte)'N', r.ShortSaleThresholdIndicator);
        Assert.Equal((byte)' ', r.IpoFlag);
        Assert.Equal((byte)'1', r.LuldReferencePriceTier);
        Assert.Equal((byte)'N', r.EtpFlag);
        Assert.Equal(0u, r.EtpLeverageFactor);
        Assert.Equal((byte)'N', r.InverseIndicator);
    }
}
