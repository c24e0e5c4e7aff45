using System.Runtime.CompilerServices;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.MarketData.Feed;

/// <summary>
/// Selects the feed's datagrams: destination endpoints (the A and B lines, and
/// the unicast port retransmissions come back on), an optional source address,
/// and an optional byte pattern at an offset of the UDP payload. An empty
/// endpoint list accepts any destination (for inspecting captures).
/// Built once at start-up; <see cref="Accepts"/> allocates nothing.
/// </summary>
public sealed class FeedFilter
{
    /// <summary>Most endpoints one filter holds.</summary>
    public const int MaxEndpoints = 8;
    /// <summary>Longest pattern.</summary>
    public const int MaxPatternLength = 16;

    private readonly FeedEndpoint[] _endpoints;
    private readonly byte[] _pattern;

    public FeedFilter(IReadOnlyList<FeedEndpoint>? endpoints = null, Ipv4Address? source = null, int patternOffset = 0, byte[]? pattern = null, bool verifyChecksums = true)
    {
        VerifyChecksums = verifyChecksums;
        endpoints ??= [];
        pattern ??= [];
        if (endpoints.Count > MaxEndpoints)
            throw new ArgumentException($"a feed filter holds at most {MaxEndpoints} endpoints, not {endpoints.Count}", nameof(endpoints));
        if (pattern.Length > MaxPatternLength)
            throw new ArgumentException($"a feed filter pattern is at most {MaxPatternLength} bytes, not {pattern.Length}", nameof(pattern));
        ArgumentOutOfRangeException.ThrowIfNegative(patternOffset);
        _endpoints = [.. endpoints];
        _pattern = [.. pattern];
        Source = source;
        PatternOffset = patternOffset;
    }

    /// <summary>Accepts every UDP datagram.</summary>
    public static FeedFilter Any { get; } = new();

    public IReadOnlyList<FeedEndpoint> Endpoints => _endpoints;

    /// <summary>
    /// Verify IPv4 header and UDP checksums (default). Off for a NIC that verifies
    /// them in hardware, or for anonymised captures whose checksums were zeroed.
    /// </summary>
    public bool VerifyChecksums { get; }
    public Ipv4Address? Source { get; }
    public int PatternOffset { get; }
    public ReadOnlySpan<byte> Pattern => _pattern;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Accepts(Ipv4Address source, Ipv4Address destination, ushort destinationPort, ReadOnlySpan<byte> udpPayload)
    {
        if (Source is { } wanted && wanted != source)
            return false;
        if (_endpoints.Length != 0)
        {
            bool hit = false;
            foreach (FeedEndpoint e in _endpoints)
            {
                if (e.Address == destination && e.Port == destinationPort)
                {
                    hit = true;
                    break;
                }
            }
            if (!hit)
                return false;
        }
        if (_pattern.Length != 0)
        {
            if (udpPayload.Length < PatternOffset + _pattern.Length)
                return false;
            if (!udpPayload.Slice(PatternOffset, _pattern.Length).SequenceEqual(_pattern))
                return false;
        }
        return true;
    }
}
