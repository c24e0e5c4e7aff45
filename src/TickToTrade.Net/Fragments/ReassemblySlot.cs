namespace TickToTrade.Net.Fragments;

/// <summary>
/// One datagram being put back together: its RFC 791 §3.2 key (source, destination,
/// protocol, identification), a 64 KiB buffer, and the byte ranges held so far,
/// sorted and merged where they touch. Preallocated; reused.
/// </summary>
internal sealed class ReassemblySlot
{
    public const int MaxDatagram = 65535;

    public readonly byte[] Buffer = new byte[MaxDatagram];
    private readonly int[] _start;
    private readonly int[] _end;

    public ReassemblySlot(int maxPieces)
    {
        _start = new int[maxPieces];
        _end = new int[maxPieces];
    }

    public bool Busy;
    public uint Source, Destination;
    public byte Protocol;
    public ushort Identification;
    public long StartedAt;
    /// <summary>The data length, known once the fragment without MF arrived; -1 before.</summary>
    public int TotalLength;
    /// <summary>Fragments copied in (for the drop counters).</summary>
    public int Fragments;
    public int Pieces { get; private set; }

    public bool Matches(uint source, uint destination, byte protocol, ushort id) =>
        Busy && Identification == id && Source == source && Destination == destination && Protocol == protocol;

    public void Start(uint source, uint destination, byte protocol, ushort id, long now)
    {
        Busy = true;
        Source = source;
        Destination = destination;
        Protocol = protocol;
        Identification = id;
        StartedAt = now;
        TotalLength = -1;
        Fragments = 0;
        Pieces = 0;
    }

    public void Free() => Busy = false;

    /// <summary>The furthest byte held.</summary>
    public int HighestEnd => Pieces == 0 ? 0 : _end[Pieces - 1];

    /// <summary>True when [0, TotalLength) is held in one piece.</summary>
    public bool IsComplete => TotalLength >= 0 && Pieces == 1 && _start[0] == 0 && _end[0] == TotalLength;

    /// <summary>
    /// How [start, end) meets what is held: 0 disjoint, 1 inside one held piece, 2 a partial overlap.
    /// </summary>
    public int Meets(int start, int end)
    {
        for (int i = 0; i < Pieces; i++)
        {
            if (start < _end[i] && end > _start[i])
                return start >= _start[i] && end <= _end[i] ? 1 : 2;
        }
        return 0;
    }

    /// <summary>Records [start, end) (disjoint from every held piece), merging it with pieces it touches; false when no piece is left.</summary>
    public bool Insert(int start, int end)
    {
        int at = 0;
        while (at < Pieces && _start[at] < start)
            at++;
        bool joinsLeft = at > 0 && _end[at - 1] == start;
        bool joinsRight = at < Pieces && _start[at] == end;
        if (joinsLeft && joinsRight)
        {
            _end[at - 1] = _end[at];
            Remove(at);
            return true;
        }
        if (joinsLeft)
        {
            _end[at - 1] = end;
            return true;
        }
        if (joinsRight)
        {
            _start[at] = start;
            return true;
        }
        if (Pieces == _start.Length)
            return false;
        for (int i = Pieces; i > at; i--)
        {
            _start[i] = _start[i - 1];
            _end[i] = _end[i - 1];
        }
        _start[at] = start;
        _end[at] = end;
        Pieces++;
        return true;
    }

    private void Remove(int at)
    {
        for (int i = at; i < Pieces - 1; i++)
        {
            _start[i] = _start[i + 1];
            _end[i] = _end[i + 1];
        }
        Pieces--;
    }
}
