using TickToTrade.Net.Tcp;
using TickToTrade.Net.Tests.Support;
using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tests.Stack;

/// <summary>
/// TCP through IP fragments (RFC 1122 §3.3.2: a host MUST reassemble; a router on a
/// smaller MTU cuts what the peer sent whole), and ARP that answers late, both
/// through the scripted peer.
/// </summary>
public sealed class FragmentedSegmentTests
{
    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 2, 1, 0 })]
    [InlineData(new[] { 1, 2, 0 })]
    public void Rfc1122_3_3_2_ASegmentCutIntoThreeFragments_InAnyOrder_IsReceivedWhole(int[] order)
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        byte[] data = new byte[1400];
        new Random(order[0]).NextBytes(data);
        s.TsVal++;
        peer.SendFragments(s.Segment(TcpFlags.Ack | TcpFlags.Psh), data, cuts: [552, 1104], order, id: 4242);
        s.Seq += (uint)data.Length;
        var (ack, _) = s.Expect(TcpFlags.Ack);
        Assert.Equal(s.Seq, ack.Acknowledgment);
        var buffer = new byte[2000];
        Assert.Equal(data.Length, s.Ours.Receive(buffer));
        Assert.Equal(data, buffer[..data.Length]);
        Assert.Equal(1, peer.Stack.Counters.Ipv4Reassembled);
    }

    [Fact]
    public void Rfc5722_AFragmentOverlappingHeldBytes_DropsTheSegment_AndTheWholeRetransmissionIsTaken()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        byte[] data = new byte[1000];
        new Random(5).NextBytes(data);
        s.TsVal++;
        TcpRepr segment = s.Segment(TcpFlags.Ack | TcpFlags.Psh);
        peer.SendFragments(segment, data, cuts: [504], order: [0], id: 77);                                  // bytes 0..504
        peer.SendFragments(segment, data, cuts: [256], order: [1], id: 77, forge: (_, b) => b[0] ^= 0xFF); // 256..end: over held bytes
        Assert.Equal(0, s.Ours.ReceivableBytes);
        Assert.Equal(1, peer.Stack.Counters.Ipv4FragmentOverlaps);
        Assert.Equal(2, peer.Stack.Counters.Ipv4FragmentsDropped);
        peer.ExpectNothing();
        // The peer retransmits the segment whole: it is taken, and the connection is as before.
        peer.Send(segment, data);
        s.Seq += (uint)data.Length;
        Assert.Equal(s.Seq, s.Expect(TcpFlags.Ack).Segment.Acknowledgment);
        var buffer = new byte[2000];
        Assert.Equal(1000, s.Ours.Receive(buffer));
        Assert.Equal(data, buffer[..1000]);
    }

    [Fact]
    public void Rfc791_3_2_AFragmentArrivingTwice_IsADuplicate_AndTheSegmentStillArrivesOnce()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        byte[] data = new byte[1000];
        new Random(6).NextBytes(data);
        s.TsVal++;
        peer.SendFragments(s.Segment(TcpFlags.Ack | TcpFlags.Psh), data, cuts: [504], order: [1, 1, 0], id: 78);
        s.Seq += (uint)data.Length;
        Assert.Equal(s.Seq, s.Expect(TcpFlags.Ack).Segment.Acknowledgment);
        Assert.Equal(1, peer.Stack.Counters.Ipv4FragmentDuplicates);
        Assert.Equal(1000, s.Ours.Receive(new byte[2000]));
    }

    [Fact]
    public void Rfc1122_2_3_2_1_ArpAnsweredLate_TheSynGoesOnce_AndNothingStrayFollows()
    {
        using var peer = new ScriptedPeer { AnswerArp = false };
        TcpConnection c = peer.Stack.Connect(new TcpEndpoint(ScriptedPeer.PeerIp, Open.ServerPort), peer.Now)!;
        peer.ExpectNothing(); // the SYN waits for ARP
        Assert.Equal(1, peer.ArpRequestsSeen);
        peer.Advance(1_000_000_000); // the SYN's retransmission, and a second request, a second later
        peer.ExpectNothing();
        Assert.Equal(2, peer.ArpRequestsSeen);
        peer.Advance(500_000_000);
        peer.ExpectNothing();
        Assert.Equal(2, peer.ArpRequestsSeen); // never two within a second (RFC 1122 §2.3.2.1)
        peer.AnswerArpNow();
        var (syn, _) = peer.ExpectOne(); // one SYN: the retransmission replaced the first copy
        Assert.Equal(TcpFlags.Syn, syn.Flags);
        Assert.Equal(1, peer.Stack.Counters.ArpQueueReplaced);
        Assert.Equal(TcpState.SynSent, c.State);
    }

    [Fact]
    public void Rfc1122_2_3_2_2_ARetransmissionThatRepacksQueuedData_SupersedesEveryCopy_SoNoByteGoesTwice()
    {
        using var peer = new ScriptedPeer();
        PeerSession s = Open.Active(peer);
        peer.AnswerArp = false;
        peer.Advance(34_000_000_000); // past the ARP entry's reachable time and its three re-asks: it no longer resolves
        for (int i = 0; i < 2; i++)
        {
            s.Ours.Send(new byte[100]);
            peer.Stack.Push(s.Ours, peer.Now); // two segments wait for ARP
        }
        peer.ExpectNothing();
        for (int i = 0; i < 150; i++)
            peer.Advance(10_000_000); // the timers resend: the data again, packed into one segment
        peer.ExpectNothing();
        peer.AnswerArpNow();
        var sent = peer.Drain();
        Assert.Equal(200, sent.Sum(x => x.Payload.Length)); // every byte once
        Assert.True(peer.Stack.Counters.ArpQueueReplaced >= 2, $"replaced {peer.Stack.Counters.ArpQueueReplaced}");
        Assert.Equal(0, peer.Stack.Counters.ArpQueueDropped);
    }
}
