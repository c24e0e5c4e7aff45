namespace TickToTrade.Net.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>
    /// Runs the timers that are due at <paramref name="now"/> (retransmission,
    /// zero-window probe, delayed ACK, keep-alive, user timeout, TIME-WAIT),
    /// then sends whatever is ready. Call it every loop iteration; it is cheap
    /// when nothing is due.
    /// </summary>
    public void Poll(long now)
    {
        if (State == TcpState.Closed)
            return;
        if (TcpTimers.Due(_timers.TimeWait, now))
        {
            Terminate(TcpError.None); // RFC 9293 §3.10.8: the 2 MSL timeout ends TIME-WAIT
            return;
        }
        if (_config.UserTimeout > 0 && _unackedSince != 0 && now - _unackedSince >= _config.UserTimeout)
        {
            // RFC 9293 §3.10.8 "USER TIMEOUT": flush everything and tell the user.
            TimeOut(TcpError.TimedOut);
            return;
        }
        if (TcpTimers.Due(_timers.Rto, now))
        {
            RetransmissionTimeout(now);
            if (State == TcpState.Closed)
                return;
        }
        if (TcpTimers.Due(_timers.Probe, now))
            TailLossProbe(now);
        if (TcpTimers.Due(_timers.Persist, now))
            ZeroWindowProbe(now);
        if (TcpTimers.Due(_timers.DelayedAck, now))
        {
            _counters.DelayedAcks++;
            _ackPending = true;
            _timers.DelayedAck = 0;
        }
        if (TcpTimers.Due(_timers.KeepAlive, now) && State is TcpState.Established or TcpState.CloseWait or TcpState.FinWait2)
            KeepAliveProbe(now);
        Output(now);
    }

    /// <summary>RFC 6298 §5.4–5.7 with RFC 5681 §3.1: back off, collapse the window, resend from SND.UNA.</summary>
    private void RetransmissionTimeout(long now)
    {
        _counters.RtoExpiries++;
        _retransmissions++;
        int limit = State is TcpState.SynSent or TcpState.SynReceived ? _config.MaxSynRetransmissions : _config.MaxRetransmissions;
        if (_retransmissions > limit)
        {
            TimeOut(TcpError.TimedOut);
            return;
        }
        _rtt.OnTimeout();
        _rttTiming = false;
        if (State is TcpState.SynSent or TcpState.SynReceived)
        {
            _sndNxt = _iss; // the SYN (or SYN,ACK) goes again
            _timers.Rto = now + _rtt.Rto;
            return;
        }
        _timers.Probe = 0;
        _cc.OnRto(_sndMax - _sndUna);
        _inRecovery = false;
        _dupAcks = 0;
        _recover = _sndMax;  // RFC 6582 §3.2: no fast retransmit for losses from before the timeout
        _sacked.Clear();     // RFC 2018 §8: after a timeout, SACK information is not trusted
        _sndNxt = _sndUna;   // go back: resend from the first unacknowledged byte, one segment first
        _timers.Rto = now + _rtt.Rto;
    }

    /// <summary>RFC 9293 §3.8.6.1: with a zero send window, send one byte past it now and then to learn when it opens.</summary>
    private void ZeroWindowProbe(long now)
    {
        _timers.Persist = 0;
        if (_sndWnd != 0 || Seq.Ge(_sndNxt, DataEnd))
        {
            _persistProbes = 0;
            return;
        }
        _counters.ZeroWindowProbes++;
        if (SendSegment(_sndNxt, Wire.Tcp.TcpFlags.Ack, (int)(_sndNxt - DataStart), 1, now))
        {
            uint end = _sndNxt + 1;
            if (Seq.Gt(end, _sndMax))
                _sndMax = end; // the probe byte may be acknowledged
        }
        _persistProbes++;
        _timers.Persist = now + PersistInterval();
    }

    private long PersistInterval()
    {
        long interval = Math.Max(_rtt.Rto, _config.PersistMin);
        for (int i = 0; i < _persistProbes && interval < _config.MaxRto; i++)
            interval *= 2;
        return Math.Min(interval, _config.MaxRto);
    }

    /// <summary>RFC 1122 §4.2.3.6 / RFC 9293 §3.8.4: an ACK with SEG.SEQ = SND.NXT − 1 draws an ACK from a live peer.</summary>
    private void KeepAliveProbe(long now)
    {
        if (_keepAliveSent >= _config.KeepAliveProbes)
        {
            TimeOut(TcpError.KeepAliveTimedOut);
            return;
        }
        _keepAliveSent++;
        _counters.KeepAliveProbes++;
        SendSegment(_sndNxt - 1, Wire.Tcp.TcpFlags.Ack, 0, 0, now);
        _timers.KeepAlive = now + _config.KeepAliveInterval;
    }

    private void TimeOut(TcpError error)
    {
        _counters.ConnectionsTimedOut++;
        if (State is TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait or TcpState.SynReceived)
            SendReset(_sndMax);
        Terminate(error);
    }

    /// <summary>
    /// ICMP destination unreachable for this connection (RFC 1122 §4.2.3.9):
    /// a hard error while the SYN is unanswered aborts; later it is recorded as a
    /// soft error and retransmission goes on.
    /// </summary>
    internal void Unreachable(byte code, uint quotedSeq)
    {
        // RFC 5927 §4.1: only a report quoting a sequence number we have in flight is believed.
        if (!(Seq.Ge(quotedSeq, _sndUna) && Seq.Lt(quotedSeq, _sndMax)))
            return;
        if (State == TcpState.SynSent && code is Wire.Icmp.IcmpType.CodeProtocolUnreachable or Wire.Icmp.IcmpType.CodePortUnreachable or Wire.Icmp.IcmpType.CodeHostUnreachable or Wire.Icmp.IcmpType.CodeNetUnreachable)
        {
            Terminate(TcpError.Unreachable);
            return;
        }
        LastSoftError = TcpError.Unreachable;
    }

    /// <summary>The last soft error (an ICMP report that did not end the connection).</summary>
    public TcpError LastSoftError { get; private set; }
}
