using TickToTrade.Net.Fragments;

namespace TickToTrade.Net.Tests.Fragments;

/// <summary>RFC 791 §3.2 reassembly: any order, any legal cut, duplicates; and every hostile shape refused and reported.</summary>
public sealed class Ipv4ReassemblerTests
{
    private const uint Src = 0xC633_6401, Dst = 0xC633_6402; // 198.51.100.1 -> .2
    private const byte Udp = 17;

    private static FragmentVerdict Add(Ipv4Reassembler r, ushort id, byte[] data, int offset, int length, bool more, out byte[] datagram, long now = 0)
    {
        FragmentVerdict v = r.Add(Src, Dst, Udp, id, offset, more, data.AsSpan(offset, length), now, out ReadOnlySpan<byte> d, out _);
        datagram = d.ToArray();
        return v;
    }

    [Fact]
    public void RandomCutsInRandomOrderWithRandomDuplicates_GiveBackExactlyTheDatagram()
    {
        var random = new Random(791);
        var r = new Ipv4Reassembler();
        for (int trial = 0; trial < 500; trial++)
        {
            int length = random.Next(9, 65515 + 1);
            byte[] data = new byte[length];
            random.NextBytes(data);
            var cuts = new List<(int Offset, int Length)>();
            for (int at = 0; at < length;)
            {
                int piece = Math.Min(8 * random.Next(1, 1 + 2000 / 8), length - at);
                cuts.Add((at, piece));
                at += piece;
            }
            if (cuts.Count == 1)
                continue; // not a fragment at all
            var order = cuts.OrderBy(_ => random.Next()).ToList();
            for (int i = 0; i < order.Count / 4; i++)
                order.Insert(random.Next(order.Count - 1), order[random.Next(order.Count)]); // duplicates, before the last piece
            ushort id = (ushort)trial;
            byte[]? result = null;
            int duplicates = 0;
            foreach (var (offset, piece) in order)
            {
                if (result is not null)
                    break;
                FragmentVerdict v = Add(r, id, data, offset, piece, offset + piece < length, out byte[] datagram);
                Assert.True(v is FragmentVerdict.Held or FragmentVerdict.Complete or FragmentVerdict.Duplicate, $"trial {trial}: {v}");
                if (v == FragmentVerdict.Duplicate)
                    duplicates++;
                if (v == FragmentVerdict.Complete)
                    result = datagram;
            }
            Assert.NotNull(result);
            Assert.Equal(data, result);
            Assert.Equal(0, r.InProgress);
        }
    }

    [Fact]
    public void AnOverlapWithOtherBytes_DropsTheWholeDatagram()
    {
        var r = new Ipv4Reassembler();
        byte[] data = new byte[64];
        new Random(1).NextBytes(data);
        Assert.Equal(FragmentVerdict.Held, Add(r, 1, data, 0, 32, true, out _));
        byte[] forged = (byte[])data.Clone();
        forged[10] ^= 0xFF; // same range, other bytes: the classic overlap attack
        Assert.Equal(FragmentVerdict.Overlap, r.Add(Src, Dst, Udp, 1, 8, true, forged.AsSpan(8, 16), 0, out _, out int discarded));
        Assert.Equal(1, discarded);
        Assert.Equal(0, r.InProgress);
        // The rest alone does not complete anything: the datagram is gone.
        Assert.Equal(FragmentVerdict.Held, Add(r, 1, data, 32, 32, false, out _));
    }

    [Fact]
    public void APartialOverlap_EvenWithTheSameBytes_DropsTheWholeDatagram()
    {
        var r = new Ipv4Reassembler();
        byte[] data = new byte[64];
        Assert.Equal(FragmentVerdict.Held, Add(r, 2, data, 0, 32, true, out _));
        Assert.Equal(FragmentVerdict.Overlap, Add(r, 2, data, 24, 16, true, out _));
        Assert.Equal(0, r.InProgress);
    }

    [Fact]
    public void AnExactCopy_IsADuplicate_AndTheDatagramStillCompletes()
    {
        var r = new Ipv4Reassembler();
        byte[] data = new byte[48];
        new Random(2).NextBytes(data);
        Assert.Equal(FragmentVerdict.Held, Add(r, 3, data, 16, 32, false, out _));
        Assert.Equal(FragmentVerdict.Duplicate, Add(r, 3, data, 16, 32, false, out _));
        Assert.Equal(FragmentVerdict.Complete, Add(r, 3, data, 0, 16, true, out byte[] d));
        Assert.Equal(data, d);
    }

    [Theory]
    [InlineData(65512, 16)] // past 65,535 with the header: the ping of death
    [InlineData(65504, 12)]
    public void PastTheLargestDatagram_IsOversize(int offset, int length)
    {
        var r = new Ipv4Reassembler();
        byte[] data = new byte[offset + length];
        Assert.Equal(FragmentVerdict.Held, Add(r, 4, data, 0, 8, true, out _));
        Assert.Equal(FragmentVerdict.Oversize, r.Add(Src, Dst, Udp, 4, offset, false, data.AsSpan(offset, length), 0, out _, out int discarded));
        Assert.Equal(1, discarded);
        Assert.Equal(0, r.InProgress);
    }

    [Fact]
    public void DataPastTheLastFragmentsEnd_OrASecondDifferentEnd_IsOversize()
    {
        var r = new Ipv4Reassembler();
        byte[] data = new byte[128];
        Assert.Equal(FragmentVerdict.Held, Add(r, 5, data, 64, 16, false, out _)); // the end is 80
        Assert.Equal(FragmentVerdict.Oversize, Add(r, 5, data, 80, 16, true, out _));
        Assert.Equal(FragmentVerdict.Held, Add(r, 6, data, 64, 16, false, out _));
        Assert.Equal(FragmentVerdict.Oversize, Add(r, 6, data, 96, 8, false, out _));
        Assert.Equal(FragmentVerdict.Held, Add(r, 7, data, 64, 16, true, out _));
        Assert.Equal(FragmentVerdict.Oversize, Add(r, 7, data, 0, 16, false, out _)); // an end below data already held
    }

    [Theory]
    [InlineData(12)]
    [InlineData(0)]
    public void WithMoreFragments_ALengthThatIsNotAPositiveMultipleOfEight_IsMalformed(int length)
    {
        var r = new Ipv4Reassembler();
        Assert.Equal(FragmentVerdict.Malformed, Add(r, 8, new byte[64], 0, length, true, out _));
        Assert.Equal(0, r.InProgress);
    }

    [Fact]
    public void WhenEveryBufferIsBusy_AFragmentOfAnotherDatagram_HasNoRoom_UntilOneTimesOut()
    {
        var r = new Ipv4Reassembler(slots: 2, timeout: 1_000);
        byte[] data = new byte[64];
        Assert.Equal(FragmentVerdict.Held, Add(r, 10, data, 0, 8, true, out _, now: 0));
        Assert.Equal(FragmentVerdict.Held, Add(r, 11, data, 0, 8, true, out _, now: 500));
        Assert.Equal(FragmentVerdict.NoRoom, Add(r, 12, data, 0, 8, true, out _, now: 600));
        Assert.Equal(0, r.Expire(999, out int none));
        Assert.Equal(0, none);
        Assert.Equal(1, r.Expire(1_000, out int datagrams)); // RFC 791 §3.2: the timer of the first one ran out
        Assert.Equal(1, datagrams);
        Assert.Equal(FragmentVerdict.Held, Add(r, 12, data, 0, 8, true, out _, now: 1_000));
        Assert.Equal(2, r.InProgress);
    }

    [Fact]
    public void MorePiecesThanTracked_DropTheDatagram()
    {
        var r = new Ipv4Reassembler(maxPieces: 4);
        byte[] data = new byte[256];
        for (int i = 0; i < 4; i++)
            Assert.Equal(FragmentVerdict.Held, Add(r, 13, data, i * 32, 8, true, out _)); // four separate pieces
        Assert.Equal(FragmentVerdict.TooManyPieces, Add(r, 13, data, 200, 8, true, out _));
        Assert.Equal(0, r.InProgress);
    }

    [Fact]
    public void FragmentsOfDifferentDatagrams_AreKeptApartByTheirFourFields()
    {
        var r = new Ipv4Reassembler();
        byte[] a = Enumerable.Repeat((byte)0xAA, 16).ToArray(), b = Enumerable.Repeat((byte)0xBB, 16).ToArray();
        Assert.Equal(FragmentVerdict.Held, r.Add(Src, Dst, Udp, 20, 0, true, a.AsSpan(0, 8), 0, out _, out _));
        Assert.Equal(FragmentVerdict.Held, r.Add(Src, Dst, 6, 20, 0, true, b.AsSpan(0, 8), 0, out _, out _)); // other protocol
        Assert.Equal(FragmentVerdict.Held, r.Add(Src + 1, Dst, Udp, 20, 0, true, b.AsSpan(0, 8), 0, out _, out _)); // other source
        Assert.Equal(FragmentVerdict.Complete, r.Add(Src, Dst, Udp, 20, 8, false, a.AsSpan(8, 8), 0, out ReadOnlySpan<byte> d, out _));
        Assert.Equal(a, d.ToArray());
    }
}
