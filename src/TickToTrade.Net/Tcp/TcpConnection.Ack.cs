namespace TickToTrade.Net.Tcp;

// The ACK field of an arriving segment (RFC 9293 §3.10.7.4, fifth step): SND.UNA, the send window, RTT, and the loss signals.
public sealed partial class TcpConnection
{
    /// <summary>New data acknowledged: free it, time it, grow the window, leave or continue recovery.</summary>
    private void AckAdvanced(ref SegmentView seg, uint ack, long now)
    {
        uint dataStart = DataStart;
        long dataAcked = Math.Min((long)(ack - dataStart), _send.Count);
        if (Seq.Lt(ack, dataStart))
            dataAcked = 0; // only our SYN
        long acked = ack - _sndUna;
        long flightBefore = _sndMax - _sndUna;
        _send.Consume((int)Math.Max(dataAcked, 0));
        _sndUna = ack;
        _synAcked = true; // SEG.ACK > SND.UNA >= ISS: our SYN is covered from here on
        if (Seq.Lt(_sndNxt, _sndUna))
            _sndNxt = _sndUna; // a zero-window probe byte, or data sent before an RTO rewound SND.NXT
        if (_finSent && Seq.Gt(_sndUna, _finSeq))
            _finAcked = true;
        _sacked.TrimBelow(_sndUna);
        if (_sackOk && seg.Options.SackCount > 0)
            RecordSack(seg);
        _retransmissions = 0;
        _unackedSince = _sndUna == _sndMax ? 0 : now;

        // RFC 6298 §5.3: restart the timer when new data is acknowledged; §5.2: stop it when all is.
        _timers.Rto = _sndUna == _sndMax ? 0 : now + _rtt.Rto;
        _timers.Probe = _sndUna == _sndMax || _inRecovery ? 0 : now + ProbeTimeout(); // RFC 8985 §7.2: rearm on each ACK
        // RTT: with timestamps, every ACK of new data measures it (RFC 7323 §4.1: TSecr names the
        // transmission, so retransmissions are no ambiguity); without, one timed segment at a time,
        // counted only if nothing was retransmitted meanwhile (Karn's rule, RFC 6298 §3).
        if (_timestamps && seg.Options.HasTimestamps && seg.Options.TsEcr != 0)
        {
            int elapsed = (int)(TsNow(now) - seg.Options.TsEcr); // signed: an echo from the future is no sample
            if (elapsed >= 0 && elapsed <= _config.MaxRto / 1_000_000)
                _rtt.Sample(elapsed * 1_000_000L);
            _rttTiming = false;
        }
        else if (_rttTiming && Seq.Gt(ack, _rttSeq))
        {
            _rtt.Sample(now - _rttStart);
            _rttTiming = false;
        }

        if (_inRecovery)
        {
            if (Seq.Ge(ack, _recover))
            {
                // RFC 6582 §3.2 (4): a full acknowledgment ends recovery.
                _inRecovery = false;
                _dupAcks = 0;
                _cc.OnRecoveryExit(_sndMax - _sndUna);
            }
            else if (!SackRecovery)
            {
                // RFC 6582 §3.2 (5): a partial acknowledgment retransmits the next hole and deflates the window.
                _cc.OnPartialAck(acked);
                RetransmitNextHole(now, fromUna: true);
            }
            // With SACK, Output() sends by the pipe (RFC 6675 §5 step C).
            return;
        }
        _dupAcks = 0;
        // Keep the recovery point from going stale: after 2^31 bytes a point left far behind
        // would look ahead of SND.UNA and forbid fast retransmit (RFC 6582 §3.2 (1)).
        if (Seq.Lt(_recover, _sndUna))
            _recover = _sndUna;
        _cc.OnAck(Math.Min(acked, flightBefore), now, _rtt.SmoothedRtt);
        // The ACK moved, but SACK blocks may still show a hole at the new SND.UNA (RFC 6675 §5).
        if (_sackOk && _sacked.Count > 0)
            LossSignal(false, now);
    }

    /// <summary>RFC 2018 §5: remember what the peer holds above SND.UNA (blocks outside SND.UNA..SND.MAX are ignored).</summary>
    private void RecordSack(in SegmentView seg)
    {
        for (int i = 0; i < seg.Options.SackCount; i++)
        {
            uint left = seg.Options.Sack[i].Left, right = seg.Options.Sack[i].Right;
            if (!Seq.Lt(left, right) || Seq.Lt(left, _sndUna) || Seq.Gt(right, _sndMax))
                continue;
            _sacked.Add(left, right);
        }
    }

    /// <summary>
    /// Decides whether loss recovery starts: three duplicate ACKs (RFC 5681 §3.2,
    /// RFC 6582 §3.2), or, on any ACK, SACK blocks covering DupThresh segments
    /// above SND.UNA (RFC 6675 §5, IsLost(HighACK + 1)). The SACK rule matters when
    /// ACKs ride on data: those never count as duplicates.
    /// </summary>
    private void LossSignal(bool duplicate, long now)
    {
        if (duplicate)
            _counters.DuplicateAcks++;
        if (_inRecovery)
        {
            if (duplicate && !SackRecovery)
                _cc.OnRecoveryDupAck(); // RFC 6582 §3.2 (3); with SACK the pipe decides instead
            return;
        }
        if (duplicate)
            _dupAcks++;
        // DupThresh is 3 segments, or, with fewer than four segments out, one less than
        // their number (RFC 5827 early retransmit, for the small windows heavy loss leaves).
        long outstanding = _sndMax - _sndUna;
        int mss = SendMss;
        long segments = (outstanding + mss - 1) / mss;
        long threshold = segments < 4 ? Math.Max(segments - 1, 1) : 3;
        bool sackSaysLost = _sackOk && _sacked.Count > 0 && _sacked.CoveredBytes >= Math.Min(3L * mss, Math.Max(outstanding - mss, 1));
        if (_dupAcks < threshold && !sackSaysLost)
            return;
        // RFC 6582 §3.2 (1): not for losses from the window the last recovery (or timeout) already
        // answered. A loss at exactly the old recovery point is new data, so it does start recovery.
        if (Seq.Lt(_sndUna, _recover))
            return;
        EnterRecovery(now);
    }

    /// <summary>Fast retransmit: the loss window's reduction once, then SACK- or NewReno-driven repair.</summary>
    private void EnterRecovery(long now)
    {
        _inRecovery = true;
        _recover = _sndMax;
        _highRxt = _sndUna;
        _timers.Probe = 0;
        _lastHoleRetransmitAt = now;
        _counters.FastRetransmits++;
        if (SackRecovery)
        {
            // RFC 6675 §5 step 4: cwnd = ssthresh, retransmit the first hole, then send by the pipe (Output).
            _counters.SackRecoveries++;
            _cc.OnSackRecoveryStart(_sndMax - _sndUna);
            return;
        }
        _counters.NewRenoRecoveries++;
        _cc.OnFastRetransmit(_sndMax - _sndUna);
        RetransmitNextHole(now, fromUna: true);
    }

    /// <summary>Loss recovery driven by the peer's SACK blocks (RFC 6675) rather than by duplicate ACKs alone (RFC 6582).</summary>
    private bool SackRecovery => _sackOk && _sacked.Count > 0;

    /// <summary>The ACK field in a synchronized state; false when the segment is to be dropped.</summary>
    private bool ProcessAck(ref SegmentView seg, long now)
    {
        uint ack = seg.Ack;
        // RFC 5961 §5.2: acceptable only if (SND.UNA − MAX.SND.WND) =< SEG.ACK =< SND.NXT (SND.MAX here).
        if (Seq.Gt(ack, _sndMax))
        {
            _counters.AckTooNew++;
            ChallengeAck(now); // RFC 9293: "send an ACK, drop the segment"
            return false;
        }
        if (Seq.Lt(ack, _sndUna - (uint)Math.Min(_maxSndWnd, int.MaxValue)))
        {
            _counters.AckTooOld++;
            ChallengeAck(now);
            return false;
        }

        long newWindow = seg.ScaledWindow(_sndShift);
        if (Seq.Gt(ack, _sndUna))
        {
            AckAdvanced(ref seg, ack, now);
        }
        else if (ack == _sndUna)
        {
            // RFC 5681 §2 "duplicate acknowledgment": data outstanding, no data, no SYN/FIN, same ACK and window.
            // (A zero window is no loss signal: it is the answer to a zero-window probe.)
            bool duplicate = _sndMax != _sndUna && seg.Payload.Length == 0 && !seg.Fin && newWindow == _sndWnd && newWindow != 0;
            if (_sackOk && seg.Options.SackCount > 0)
                RecordSack(seg);
            LossSignal(duplicate, now);
        }

        // Window update: RFC 9293 §3.10.7.4, "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)".
        if (Seq.Ge(ack, _sndUna) && (Seq.Lt(_sndWl1, seg.Seq) || (_sndWl1 == seg.Seq && Seq.Le(_sndWl2, ack))))
        {
            bool opened = _sndWnd == 0 && newWindow > 0;
            _sndWnd = newWindow;
            _maxSndWnd = Math.Max(_maxSndWnd, _sndWnd);
            _sndWl1 = seg.Seq;
            _sndWl2 = ack;
            if (opened)
            {
                _timers.Persist = 0;
                _persistProbes = 0;
            }
        }

        // Our FIN is acknowledged once SND.UNA passes its sequence number.
        bool finAcked = _finAcked;
        switch (State)
        {
            case TcpState.FinWait1 when finAcked:
                State = TcpState.FinWait2;
                break;
            case TcpState.Closing when finAcked:
                EnterTimeWait(now);
                break;
            case TcpState.LastAck when finAcked:
                Terminate(TcpError.None);
                return false;
            case TcpState.TimeWait:
                // A retransmitted FIN: acknowledge it and restart the 2 MSL timeout.
                if (seg.Fin)
                {
                    _ackPending = true;
                    _timers.TimeWait = now + _config.TimeWait;
                }
                return false;
        }
        return true;
    }
}
