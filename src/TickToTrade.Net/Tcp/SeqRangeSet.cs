namespace TickToTrade.Net.Tcp;

/// <summary>
/// A small sorted set of disjoint sequence ranges [Start, End), merged on insert,
/// in a fixed array: the receiver's out-of-order map and the sender's SACK
/// scoreboard. Comparisons are modulo 2^32 (<see cref="Seq"/>).
/// </summary>
public sealed class SeqRangeSet
{
    private readonly uint[] _start, _end;

    public SeqRangeSet(int capacity)
    {
        _start = new uint[capacity];
        _end = new uint[capacity];
    }

    public int Count { get; private set; }
    public int Capacity => _start.Length;
    public uint StartAt(int i) => _start[i];
    public uint EndAt(int i) => _end[i];
    /// <summary>The right edge of the highest range; only meaningful when <see cref="Count"/> &gt; 0.</summary>
    public uint HighestEnd => _end[Count - 1];

    /// <summary>Inserts [start, end) merging neighbours; false (and no change) when it would need one range too many.</summary>
    public bool Add(uint start, uint end)
    {
        if (!Seq.Lt(start, end))
            return true;
        int i = 0;
        while (i < Count && Seq.Lt(_end[i], start))
            i++;
        int j = i;
        while (j < Count && Seq.Le(_start[j], end))
            j++;
        // Ranges i..j-1 touch or overlap [start, end): merge them into one.
        if (j > i)
        {
            start = Seq.Min(start, _start[i]);
            end = Seq.Max(end, _end[j - 1]);
            RemoveRange(i + 1, j - i - 1);
            _start[i] = start;
            _end[i] = end;
            return true;
        }
        if (Count == Capacity)
            return false;
        Array.Copy(_start, i, _start, i + 1, Count - i);
        Array.Copy(_end, i, _end, i + 1, Count - i);
        _start[i] = start;
        _end[i] = end;
        Count++;
        return true;
    }

    /// <summary>Drops everything below <paramref name="edge"/> (cutting a range that straddles it).</summary>
    public void TrimBelow(uint edge)
    {
        int drop = 0;
        while (drop < Count && Seq.Le(_end[drop], edge))
            drop++;
        RemoveRange(0, drop);
        if (Count > 0 && Seq.Lt(_start[0], edge))
            _start[0] = edge;
    }

    /// <summary>If the lowest range starts at or below <paramref name="edge"/>, removes it and returns its end; else returns <paramref name="edge"/>.</summary>
    public uint TakeContiguous(uint edge)
    {
        if (Count == 0 || Seq.Gt(_start[0], edge))
            return edge;
        uint end = Seq.Max(_end[0], edge);
        RemoveRange(0, 1);
        return end;
    }

    /// <summary>The index of the range holding <paramref name="seq"/>, or -1.</summary>
    public int IndexOf(uint seq)
    {
        for (int i = 0; i < Count; i++)
            if (Seq.Ge(seq, _start[i]) && Seq.Lt(seq, _end[i]))
                return i;
        return -1;
    }

    /// <summary>Bytes covered by all ranges.</summary>
    public long CoveredBytes
    {
        get
        {
            long n = 0;
            for (int i = 0; i < Count; i++)
                n += _end[i] - _start[i];
            return n;
        }
    }

    public void Clear() => Count = 0;

    private void RemoveRange(int index, int n)
    {
        if (n <= 0)
            return;
        Array.Copy(_start, index + n, _start, index, Count - index - n);
        Array.Copy(_end, index + n, _end, index, Count - index - n);
        Count -= n;
    }
}
