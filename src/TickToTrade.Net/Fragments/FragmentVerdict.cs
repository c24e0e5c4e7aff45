namespace TickToTrade.Net.Fragments;

/// <summary>What <see cref="Ipv4Reassembler.Add"/> did with one fragment.</summary>
public enum FragmentVerdict : byte
{
    /// <summary>Held: the datagram still has holes.</summary>
    Held,
    /// <summary>The last hole is filled: the datagram is ready.</summary>
    Complete,
    /// <summary>An exact copy of a fragment already held (same offset, length and bytes): this copy is dropped.</summary>
    Duplicate,
    /// <summary>Every reassembly buffer is busy with another datagram: this fragment is dropped.</summary>
    NoRoom,
    /// <summary>It overlaps a fragment already held with other bytes, or another fragment's range: the whole datagram is dropped (RFC 5722's reasoning).</summary>
    Overlap,
    /// <summary>It would take the datagram past 65,535 bytes, or past the end a last fragment set: the whole datagram is dropped.</summary>
    Oversize,
    /// <summary>Not a multiple of 8 bytes although more fragments follow (RFC 791 §3.2), or empty: dropped.</summary>
    Malformed,
    /// <summary>More separate pieces than a buffer tracks: the whole datagram is dropped.</summary>
    TooManyPieces,
}
