namespace TickToTrade.Net.Tcp;

/// <summary>
/// The congestion window: slow start and congestion avoidance (RFC 5681 §3.1),
/// fast retransmit and NewReno recovery (RFC 5681 §3.2, RFC 6582 §3.2), and,
/// when configured, CUBIC's window growth and reduction (RFC 9438 §4).
/// Bytes throughout; time in nanoseconds.
/// </summary>
public struct CongestionControl
{
    private const double CubicBeta = 0.7;   // RFC 9438 §4.6
    private const double CubicC = 0.4;      // RFC 9438 §5

    private readonly CongestionAlgorithm _algorithm;
    private readonly int _mss;
    private double _wMax;       // CUBIC: window (segments) before the last reduction
    private long _epochStart;   // CUBIC: when the current avoidance epoch began (0: not started)
    private double _k;          // CUBIC: time (s) to get back to _wMax
    private double _wEst;       // CUBIC: the Reno-friendly estimate (segments), RFC 9438 §4.3
    private long _bytesAcked;   // congestion avoidance byte counting (RFC 5681 §3.1, RFC 3465)

    public CongestionControl(CongestionAlgorithm algorithm, int mss, int initialSegments)
    {
        _algorithm = algorithm;
        _mss = mss;
        Cwnd = (long)initialSegments * mss;
        Ssthresh = long.MaxValue / 4; // RFC 5681 §3.1: "arbitrarily high"
        _wMax = 0;
        _epochStart = 0;
        _k = 0;
        _wEst = 0;
        _bytesAcked = 0;
    }

    public long Cwnd { get; private set; }
    public long Ssthresh { get; private set; }

    /// <summary>New data acknowledged outside recovery.</summary>
    public void OnAck(long acked, long now, long srtt)
    {
        if (Cwnd < Ssthresh)
        {
            Cwnd += Math.Min(acked, _mss); // RFC 5681 §3.1 (2): cwnd += min(N, SMSS)
            return;
        }
        if (_algorithm == CongestionAlgorithm.Cubic)
        {
            CubicAvoidance(acked, now, srtt);
            return;
        }
        // RFC 5681 §3.1 (3), counted in bytes: one SMSS per cwnd of data acknowledged.
        _bytesAcked += acked;
        if (_bytesAcked >= Cwnd)
        {
            _bytesAcked -= Cwnd;
            Cwnd += _mss;
        }
    }

    /// <summary>Entering fast recovery (RFC 6582 §3.2 step 2; RFC 9438 §4.6 for CUBIC's reduction).</summary>
    public void OnFastRetransmit(long flight)
    {
        ReduceOnLoss(flight);
        Cwnd = Ssthresh + 3L * _mss; // RFC 6582 §3.2 (2): "artificially inflates"
    }

    /// <summary>Entering SACK-based recovery (RFC 6675 §5 step 4.2): cwnd = ssthresh; the pipe limits what is sent.</summary>
    public void OnSackRecoveryStart(long flight)
    {
        ReduceOnLoss(flight);
        Cwnd = Ssthresh;
    }

    /// <summary>Each further duplicate ACK in recovery inflates the window by one segment (RFC 6582 §3.2 step 3).</summary>
    public void OnRecoveryDupAck() => Cwnd += _mss;

    /// <summary>A partial ACK (RFC 6582 §3.2 step 5): deflate by the amount acknowledged, add back one segment if that was at least one.</summary>
    public void OnPartialAck(long acked)
    {
        Cwnd = Math.Max(Cwnd - acked, _mss);
        if (acked >= _mss)
            Cwnd += _mss;
    }

    /// <summary>A full ACK ends recovery (RFC 6582 §3.2 step 4, option 1).</summary>
    public void OnRecoveryExit(long flight) => Cwnd = Math.Min(Ssthresh, Math.Max(flight, _mss) + _mss);

    /// <summary>The retransmission timer expired (RFC 5681 §3.1 (4): ssthresh from the flight, cwnd to one segment).</summary>
    public void OnRto(long flight)
    {
        ReduceOnLoss(flight);
        Cwnd = _mss;
    }

    private void ReduceOnLoss(long flight)
    {
        _bytesAcked = 0;
        if (_algorithm == CongestionAlgorithm.Cubic)
        {
            // RFC 9438 §4.6: W_max = cwnd (with fast convergence §4.7), ssthresh = cwnd·β.
            double w = (double)Cwnd / _mss;
            _wMax = w < _wMax ? w * (1 + CubicBeta) / 2 : w;
            Ssthresh = Math.Max((long)(Cwnd * CubicBeta), 2L * _mss);
            _epochStart = 0;
            return;
        }
        Ssthresh = Math.Max(flight / 2, 2L * _mss); // RFC 5681 §3.1 (4)
    }

    private void CubicAvoidance(long acked, long now, long srtt)
    {
        double cwndSeg = (double)Cwnd / _mss;
        if (_epochStart == 0)
        {
            _epochStart = now;
            if (_wMax < cwndSeg)
                _wMax = cwndSeg;
            _k = Math.Cbrt(_wMax * (1 - CubicBeta) / CubicC); // RFC 9438 §4.2 (2), with cwnd_epoch = W_max·β
            _wEst = cwndSeg;
        }
        double t = (now - _epochStart + srtt) / 1e9;               // RFC 9438 §4.2: target at t + RTT
        double target = CubicC * Math.Pow(t - _k, 3) + _wMax;       // RFC 9438 §4.2 (1)
        target = Math.Clamp(target, cwndSeg, 1.5 * cwndSeg);        // §4.2: between cwnd and 1.5·cwnd
        double ackedSeg = (double)acked / _mss;
        double alpha = 3 * (1 - CubicBeta) / (1 + CubicBeta);       // RFC 9438 §4.3
        _wEst += alpha * ackedSeg / cwndSeg;
        if (_wEst > target)
            target = _wEst;                                          // Reno-friendly region
        Cwnd += (long)((target - cwndSeg) / cwndSeg * ackedSeg * _mss);
    }
}
