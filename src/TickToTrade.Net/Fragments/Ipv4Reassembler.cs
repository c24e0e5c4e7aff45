namespace TickToTrade.Net.Fragments;

/// <summary>
/// IPv4 reassembly (RFC 791 §3.2; RFC 1122 §3.3.2: a host MUST reassemble), off the
/// fast path: a few preallocated 64 KiB buffers, a timer per datagram, and a strict
/// rule on overlaps. A fragment that only repeats bytes already held is a duplicate
/// and is dropped alone; one that overlaps held bytes with other bytes, or straddles
/// a held piece, drops the whole datagram, since overlapping fragments are how
/// attacks hide from inspection (RFC 5722 gives the reasoning for IPv6). Never
/// allocates after construction; never throws on input.
/// </summary>
public sealed class Ipv4Reassembler
{
    private readonly ReassemblySlot[] _slots;
    private int _busy;

    /// <param name="slots">Datagrams reassembled at once; a fragment of one more is dropped (counted by the caller).</param>
    /// <param name="timeout">RFC 791 §3.2's reassembly timer: a datagram not complete this long after its first fragment is dropped.</param>
    /// <param name="maxPieces">Separate pieces tracked per datagram before it is given up.</param>
    public Ipv4Reassembler(int slots = 4, long timeout = 30_000_000_000, int maxPieces = 64)
    {
        if (slots < 1 || maxPieces < 2 || timeout <= 0)
            throw new ArgumentException("the reassembler needs at least one slot, two pieces and a positive timeout");
        _slots = new ReassemblySlot[slots];
        for (int i = 0; i < slots; i++)
            _slots[i] = new ReassemblySlot(maxPieces);
        Timeout = timeout;
    }

    public long Timeout { get; }

    /// <summary>Datagrams with fragments held now.</summary>
    public int InProgress => _busy;

    /// <summary>
    /// Adds one fragment's data (<paramref name="data"/>: the IP payload, at byte
    /// <paramref name="offset"/>). On <see cref="FragmentVerdict.Complete"/>,
    /// <paramref name="datagram"/> is the whole payload, valid until the next call.
    /// <paramref name="discarded"/> counts the fragments already held that a verdict
    /// dropping the whole datagram threw away.
    /// </summary>
    public FragmentVerdict Add(uint source, uint destination, byte protocol, ushort id, int offset, bool moreFragments,
        ReadOnlySpan<byte> data, long now, out ReadOnlySpan<byte> datagram, out int discarded)
    {
        datagram = default;
        discarded = 0;
        int end = offset + data.Length;
        // RFC 791 §3.2: every fragment but the last carries a multiple of 8 bytes.
        if (moreFragments && (data.Length == 0 || (data.Length & 7) != 0))
            return FragmentVerdict.Malformed;
        ReassemblySlot? slot = Find(source, destination, protocol, id);
        if (end > ReassemblySlot.MaxDatagram - 20)
        {
            // No IPv4 datagram is longer than 65,535 bytes with its header (the "ping of death").
            discarded = Drop(slot);
            return FragmentVerdict.Oversize;
        }
        if (slot is null)
        {
            slot = FreeSlot();
            if (slot is null)
                return FragmentVerdict.NoRoom;
            slot.Start(source, destination, protocol, id, now);
            _busy++;
        }
        if ((slot.TotalLength >= 0 && (end > slot.TotalLength || (!moreFragments && end != slot.TotalLength)))
            || (!moreFragments && slot.HighestEnd > end))
        {
            discarded = Drop(slot); // past the end the last fragment set, or a second, different end
            return FragmentVerdict.Oversize;
        }
        switch (slot.Meets(offset, end))
        {
            case 1 when data.SequenceEqual(slot.Buffer.AsSpan(offset, data.Length)):
                return FragmentVerdict.Duplicate;
            case 1:
            case 2:
                discarded = Drop(slot);
                return FragmentVerdict.Overlap;
        }
        if (data.Length > 0 && !slot.Insert(offset, end))
        {
            discarded = Drop(slot);
            return FragmentVerdict.TooManyPieces;
        }
        data.CopyTo(slot.Buffer.AsSpan(offset));
        slot.Fragments++;
        if (!moreFragments)
            slot.TotalLength = end;
        if (!slot.IsComplete)
            return FragmentVerdict.Held;
        datagram = slot.Buffer.AsSpan(0, slot.TotalLength);
        slot.Free();
        _busy--;
        return FragmentVerdict.Complete;
    }

    /// <summary>RFC 791 §3.2: datagrams whose timer ran out are dropped; returns how many fragments they held.</summary>
    public int Expire(long now, out int datagrams)
    {
        datagrams = 0;
        if (_busy == 0)
            return 0;
        int fragments = 0;
        foreach (ReassemblySlot s in _slots)
        {
            if (s.Busy && now - s.StartedAt >= Timeout)
            {
                datagrams++;
                fragments += Drop(s);
            }
        }
        return fragments;
    }

    private int Drop(ReassemblySlot? slot)
    {
        if (slot is null || !slot.Busy)
            return 0;
        int n = slot.Fragments;
        slot.Free();
        _busy--;
        return n;
    }

    private ReassemblySlot? Find(uint source, uint destination, byte protocol, ushort id)
    {
        if (_busy == 0)
            return null;
        foreach (ReassemblySlot s in _slots)
            if (s.Matches(source, destination, protocol, id))
                return s;
        return null;
    }

    private ReassemblySlot? FreeSlot()
    {
        foreach (ReassemblySlot s in _slots)
            if (!s.Busy)
                return s;
        return null;
    }
}
