namespace TickToTrade.Net.Tcp;

/// <summary>
/// The retransmission timer's estimator, RFC 6298 §2: SRTT and RTTVAR with
/// alpha 1/8 and beta 1/4, RTO = SRTT + max(G, 4·RTTVAR) clamped to
/// [min, max], doubled on each expiry (§5.5, "back off the timer").
/// All times in nanoseconds.
/// </summary>
public struct RttEstimator
{
    private long _srtt, _rttvar;
    private readonly long _min, _max, _granularity;

    public RttEstimator(long initial, long min, long max, long granularity = 1_000_000)
    {
        _min = min;
        _max = max;
        _granularity = granularity;
        Rto = initial;
        Backoff = 0;
        HasSample = false;
        _srtt = _rttvar = 0;
    }

    /// <summary>The current RTO including backoff.</summary>
    public long Rto { get; private set; }
    public int Backoff { get; private set; }
    public bool HasSample { get; private set; }
    public readonly long SmoothedRtt => _srtt;
    public readonly long RttVariance => _rttvar;

    public void Sample(long rtt)
    {
        if (rtt < 0)
            return;
        if (!HasSample)
        {
            // §2.2: the first measurement R: SRTT = R, RTTVAR = R/2.
            _srtt = rtt;
            _rttvar = rtt / 2;
            HasSample = true;
        }
        else
        {
            // §2.3: RTTVAR = 3/4 RTTVAR + 1/4 |SRTT - R'|, then SRTT = 7/8 SRTT + 1/8 R'.
            _rttvar = (3 * _rttvar + Math.Abs(_srtt - rtt)) / 4;
            _srtt = (7 * _srtt + rtt) / 8;
        }
        Backoff = 0;
        Rto = Clamp(_srtt + Math.Max(_granularity, 4 * _rttvar));
    }

    /// <summary>§5.5: the timer expired; RTO doubles (up to the maximum).</summary>
    public void OnTimeout()
    {
        Backoff++;
        Rto = Math.Min(Rto * 2, _max);
    }

    private readonly long Clamp(long rto) => Math.Clamp(rto, _min, _max);
}
