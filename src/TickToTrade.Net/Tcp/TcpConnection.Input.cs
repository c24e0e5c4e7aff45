namespace TickToTrade.Net.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>
    /// One segment for this connection (RFC 9293 §3.10.7, "SEGMENT ARRIVES").
    /// Never throws; every drop is counted. Output it triggers (ACKs, data the
    /// window now allows) goes out before this returns.
    /// </summary>
    internal void Input(ref SegmentView seg, long now)
    {
        if (_config.KeepAlive && State >= TcpState.Established)
        {
            _timers.KeepAlive = now + _config.KeepAliveIdle;
            _keepAliveSent = 0;
        }
        switch (State)
        {
            case TcpState.Closed:
            case TcpState.Listen:
                return;
            case TcpState.SynSent:
                InputSynSent(ref seg, now);
                break;
            default:
                InputSynchronized(ref seg, now);
                break;
        }
        if (State != TcpState.Closed)
            Output(now);
    }

    /// <summary>RFC 9293 §3.10.7.3: our SYN is out, theirs has not arrived.</summary>
    private void InputSynSent(ref SegmentView seg, long now)
    {
        bool ackAcceptable = false;
        if (seg.HasAck)
        {
            // "If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set) ... and discard."
            if (Seq.Le(seg.Ack, _iss) || Seq.Gt(seg.Ack, _sndMax))
            {
                if (!seg.Rst)
                    SendReset(seg.Ack);
                _counters.AckTooNew++;
                return;
            }
            ackAcceptable = true;
        }
        if (seg.Rst)
        {
            // RFC 5961 §3.2 / RFC 9293: only a RST that acknowledges our SYN resets; the user hears "connection refused".
            if (ackAcceptable)
            {
                _counters.ResetsReceived++;
                Terminate(TcpError.ConnectionRefused);
            }
            else
            {
                _counters.ResetsIgnored++;
            }
            return;
        }
        if (!seg.Syn)
            return; // "If neither of the SYN or RST bits is set, then drop the segment and return."

        _irs = seg.Seq;
        _rcvNxt = seg.Seq + 1;
        ApplySynOptions(seg);
        if (ackAcceptable)
        {
            _sndUna = seg.Ack;
            _synAcked = Seq.Gt(_sndUna, _iss);
            _sacked.TrimBelow(_sndUna);
        }
        if (Seq.Gt(_sndUna, _iss))
        {
            // Our SYN is acknowledged: ESTABLISHED. The SYN's window is never scaled (RFC 7323 §2.2).
            State = TcpState.Established;
            _counters.ConnectionsEstablished++;
            _sndWnd = seg.Window;
            _maxSndWnd = Math.Max(_maxSndWnd, _sndWnd);
            _sndWl1 = seg.Seq;
            _sndWl2 = seg.Ack;
            SynAcknowledged(now);
            _ackPending = true;
            if (seg.Payload.Length > 0 || seg.Fin)
            {
                // Data on a SYN,ACK is rare but legal: take it as in ESTABLISHED.
                var rest = seg;
                rest.Seq = seg.Seq + 1;
                rest.Flags &= ~Wire.Tcp.TcpFlags.Syn;
                ProcessText(ref rest, now);
            }
        }
        else
        {
            // Simultaneous open (RFC 9293 §3.5, Figure 8): SYN-RECEIVED, and our SYN goes out again with an ACK.
            State = TcpState.SynReceived;
            _sndWnd = seg.Window;
            _sndWl1 = seg.Seq;
            _sndNxt = _iss; // re-send the SYN, now as SYN,ACK
            _timers.Rto = 0;
        }
    }

    /// <summary>RFC 9293 §3.10.7.4: every state from SYN-RECEIVED on.</summary>
    private void InputSynchronized(ref SegmentView seg, long now)
    {
        long window = ReceiveWindow();

        // RFC 5961 §4.2: a SYN in a synchronized state, whatever its sequence number, gets a challenge ACK and is dropped.
        // (In SYN-RECEIVED the peer's retransmitted SYN lands here too; the challenge ACK is the SYN,ACK's answer.)
        if (seg.Syn && !seg.Rst)
        {
            if (State == TcpState.SynReceived && seg.Seq == _irs)
            {
                if (!(seg.HasAck && seg.Ack == _sndMax))
                {
                    _sndNxt = _iss; // the peer's SYN again: our SYN,ACK was lost, send it again
                    return;
                }
                // Simultaneous open (RFC 9293 §3.5, Figure 8, line 5): the peer's SYN,ACK acknowledges our SYN.
                // Its SYN is the one we already hold; what is left is an ACK (and any data) from IRS + 1.
                // The SYN's sequence number is below RCV.NXT, so it is acknowledged, which also completes
                // the peer's side if our SYN,ACK was lost.
                seg.Seq = _irs + 1;
                seg.Flags &= ~Wire.Tcp.TcpFlags.Syn;
                seg.WindowFromSyn = true; // RFC 7323 §2.2: the window of a SYN is never scaled
                _ackPending = true;
            }
            else if (State == TcpState.SynReceived && ListenPort != 0)
            {
                // RFC 9293 §3.10.7.4, fourth step: in SYN-RECEIVED from a passive OPEN, another SYN returns the
                // connection to LISTEN (this slot frees; the listener still listens).
                Terminate(TcpError.None);
                return;
            }
            else
            {
                ChallengeAck(now); // RFC 5961 §4.2: synchronized states
                return;
            }
        }

        // TIME-WAIT: the peer's FIN again means our last ACK was lost. Acknowledge it and restart
        // the 2 MSL timeout (RFC 9293 §3.10.7.4, eighth step). Its sequence number is below
        // RCV.NXT, so the acceptability test below would only acknowledge it.
        if (State == TcpState.TimeWait && seg.Fin && !seg.Rst && seg.Seq + seg.Length == _rcvNxt)
        {
            _ackPending = true;
            _timers.TimeWait = now + _config.TimeWait;
            return;
        }

        // RFC 7323 §5.3 PAWS, before the sequence check: an old timestamp means an old duplicate.
        if (_timestamps && !seg.Rst)
        {
            if (!seg.Options.HasTimestamps)
            {
                // RFC 7323 §3.2: once negotiated, a non-RST segment without timestamps SHOULD be dropped.
                _counters.MalformedSegments++;
                return;
            }
            if (Seq.Lt(seg.Options.TsVal, _tsRecent))
            {
                _counters.PawsRejected++;
                _ackPending = true;
                return;
            }
        }

        // First: the acceptability test (RFC 9293 §3.10.7.4, the four cases).
        if (!Acceptable(seg, window))
        {
            if (seg.Rst)
            {
                _counters.ResetsIgnored++; // RFC 5961 §3.2 (1): outside the window, silently dropped
                return;
            }
            // A zero window still takes valid ACKs (and RSTs): "special allowance".
            if (window == 0 && seg.Seq == _rcvNxt)
            {
                seg.Payload = default;
                seg.Flags &= ~Wire.Tcp.TcpFlags.Fin;
            }
            else
            {
                if (Seq.Lt(seg.Seq + seg.Length, _rcvNxt) || (seg.Length > 0 && Seq.Le(seg.Seq + seg.Length, _rcvNxt)))
                    _counters.DuplicateSegments++;
                else
                    _counters.OutOfWindowSegments++;
                _ackPending = true; // "send an acknowledgment in reply"
                return;
            }
        }

        // Second: RST (RFC 5961 §3.2): only an exact match on RCV.NXT resets; anything else in the window gets a challenge ACK.
        if (seg.Rst)
        {
            if (seg.Seq != _rcvNxt)
            {
                ChallengeAck(now);
                return;
            }
            _counters.ResetsReceived++;
            if (State == TcpState.SynReceived)
            {
                // RFC 9293 §3.10.7.4: from a passive OPEN, back to LISTEN (the listener still listens; this slot frees);
                // from an active one (a simultaneous open), "the connection was refused".
                Terminate(ListenPort != 0 ? TcpError.None : TcpError.ConnectionRefused);
                return;
            }
            _counters.ConnectionsReset++;
            Terminate(State is TcpState.Closing or TcpState.LastAck or TcpState.TimeWait ? TcpError.None : TcpError.ConnectionReset);
            return;
        }

        // Timestamps: RFC 7323 §4.3, TS.Recent takes the segment's TSval if it covers Last.ACK.sent.
        if (_timestamps && Seq.Le(seg.Seq, _lastAckSent) && Seq.Ge(seg.Options.TsVal, _tsRecent))
            _tsRecent = seg.Options.TsVal;

        // Fifth: the ACK field. Without it the segment is dropped.
        if (!seg.HasAck)
            return;
        if (State == TcpState.SynReceived)
        {
            // "If SND.UNA < SEG.ACK =< SND.NXT, then enter ESTABLISHED ... otherwise send a reset <SEQ=SEG.ACK><CTL=RST>."
            if (Seq.Gt(seg.Ack, _sndUna) && Seq.Le(seg.Ack, _sndMax))
            {
                State = TcpState.Established;
                _counters.ConnectionsEstablished++;
                _sndWnd = seg.ScaledWindow(_sndShift);
                _maxSndWnd = Math.Max(_maxSndWnd, _sndWnd);
                _sndWl1 = seg.Seq;
                _sndWl2 = seg.Ack;
                SynAcknowledged(now);
                if (_finQueued)
                    State = TcpState.FinWait1; // Close() before the handshake finished
            }
            else
            {
                SendReset(seg.Ack);
                return;
            }
        }
        if (!ProcessAck(ref seg, now))
            return;
        if (State == TcpState.Closed)
            return;

        // Sixth (URG) is not used. Seventh and eighth: text and FIN.
        ProcessText(ref seg, now);
    }

    /// <summary>Our SYN is acknowledged: the congestion window starts from the negotiated MSS.</summary>
    private void SynAcknowledged(long now)
    {
        _cc = new CongestionControl(_config.Congestion, SendMss, _config.InitialWindowSegments);
        _retransmissions = 0;
        _timers.Rto = _sndUna == _sndMax ? 0 : now + _rtt.Rto;
        if (_rttTiming && Seq.Gt(_sndUna, _rttSeq))
        {
            _rtt.Sample(now - _rttStart);
            _rttTiming = false;
        }
        _recover = _iss;
        _unackedSince = 0;
    }

    /// <summary>Options on the peer's SYN decide what both sides use (RFC 7323 §1.3, RFC 2018 §2, RFC 9293 §3.7.1).</summary>
    private void ApplySynOptions(in SegmentView syn)
    {
        // RFC 9293 §3.7.1: 536 when absent. A tiny announced MSS is raised to 64 (Linux uses 48..88): with the
        // options every segment carries, less would leave no room for data.
        _peerMss = syn.Options.Mss != 0 ? Math.Max((int)syn.Options.Mss, 64) : 536;
        _windowScaleOk = _config.WindowScaling && syn.Options.WindowScale >= 0;
        if (_windowScaleOk)
        {
            _sndShift = syn.Options.WindowScale;
            _rcvShift = _config.ReceiveWindowShift;
        }
        else
        {
            _sndShift = _rcvShift = 0; // RFC 7323 §2.2: both sides must send the option, or neither scales
        }
        _timestamps = _config.Timestamps && syn.Options.HasTimestamps;
        if (_timestamps)
            _tsRecent = syn.Options.TsVal;
        _sackOk = _config.Sack && syn.Options.SackPermitted;
    }

    /// <summary>RFC 5961 §7: an ACK &lt;SEQ=SND.NXT&gt;&lt;ACK=RCV.NXT&gt;, within the stack's per-second budget.</summary>
    private void ChallengeAck(long now)
    {
        if (_output.TryTakeChallengeAck(now))
        {
            _counters.ChallengeAcks++;
            _ackPending = true;
        }
        else
        {
            _counters.ChallengeAcksSuppressed++;
        }
    }

    /// <summary>RFC 9293 §3.10.7.4, the table of four acceptability cases.</summary>
    private bool Acceptable(in SegmentView seg, long window)
    {
        uint len = seg.Length;
        if (len == 0)
            return window == 0 ? seg.Seq == _rcvNxt : InWindow(seg.Seq, window);
        if (window == 0)
            return false;
        return InWindow(seg.Seq, window) || InWindow(seg.Seq + len - 1, window);
    }

    private bool InWindow(uint seq, long window) => Seq.Ge(seq, _rcvNxt) && Seq.Lt(seq, _rcvNxt + (uint)window);
}
