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
            _keepAliveAt = now + _config.KeepAliveIdle;
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
            _rtoAt = 0;
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
                _sndNxt = _iss; // our SYN,ACK was lost: send it again
                return;
            }
            ChallengeAck(now);
            return;
        }

        // TIME-WAIT: the peer's FIN again means our last ACK was lost. Acknowledge it and restart
        // the 2 MSL timeout (RFC 9293 §3.10.7.4, eighth step). Its sequence number is below
        // RCV.NXT, so the acceptability test below would only acknowledge it.
        if (State == TcpState.TimeWait && seg.Fin && !seg.Rst && seg.Seq + seg.Length == _rcvNxt)
        {
            _ackPending = true;
            _timeWaitAt = now + _config.TimeWait;
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
            if (State == TcpState.SynReceived && ListenPort != 0)
            {
                Terminate(TcpError.None); // passive open: back to LISTEN (the listener still listens; this slot frees)
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
                _sndWnd = (long)seg.Window << _sndShift;
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
        _rtoAt = _sndUna == _sndMax ? 0 : now + _rtt.Rto;
        _probeAt = _sndUna == _sndMax || _inRecovery ? 0 : now + ProbeTimeout(); // RFC 8985 §7.2: rearm on each ACK
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
        _probeAt = 0;
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

    /// <summary>Seventh and eighth steps: segment text and FIN, in ESTABLISHED, FIN-WAIT-1 and FIN-WAIT-2.</summary>
    private void ProcessText(ref SegmentView seg, long now)
    {
        if (State is not (TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2))
        {
            // CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT: the peer already sent its FIN; more text is ignored.
            return;
        }
        ReadOnlySpan<byte> data = seg.Payload;
        uint seq = seg.Seq;
        bool fin = seg.Fin;
        if (Seq.Lt(seq, _rcvNxt))
        {
            // Trim what we already have.
            uint skip = _rcvNxt - seq;
            if (skip >= data.Length)
            {
                if (fin && seq + (uint)data.Length == _rcvNxt)
                    data = default; // only the FIN is new
                else
                {
                    _ackPending = true;
                    return;
                }
            }
            else
            {
                data = data[(int)skip..];
            }
            seq = _rcvNxt;
        }
        // Trim to the window: the ring's free space is the window.
        long room = ReceiveWindow() - (seq - _rcvNxt);
        if (room < data.Length)
        {
            data = data[..(int)Math.Max(room, 0)];
            fin = false;
        }
        if (data.Length > 0)
        {
            _counters.BytesReceived += data.Length;
            if (seq == _rcvNxt)
            {
                _receive.Write(data);
                _rcvNxt += (uint)data.Length;
                // Anything held out of order that now follows on becomes readable.
                // (A retransmission may cover several held ranges at once: take every one that starts
                // at or below RCV.NXT, even those it swallowed whole.)
                while (_outOfOrder.Count > 0 && Seq.Le(_outOfOrder.StartAt(0), _rcvNxt))
                {
                    uint end = _outOfOrder.TakeContiguous(_rcvNxt);
                    if (Seq.Gt(end, _rcvNxt))
                    {
                        _receive.Commit((int)(end - _rcvNxt));
                        _rcvNxt = end;
                    }
                }
                if (_outOfOrder.Count > 0)
                    _ackPending = true;
                AckData(now);
            }
            else
            {
                // RFC 9293 §3.10.7.4: out of order, held for later within the window (bounded: RFC 5681 §4.2 wants an immediate ACK).
                int offset = _receive.Count + (int)(seq - _rcvNxt);
                if (_outOfOrder.Add(seq, seq + (uint)data.Length))
                {
                    _receive.WriteAt(offset, data);
                    _lastOutOfOrderStart = seq;
                    _counters.OutOfOrderSegments++;
                }
                else
                {
                    _counters.OutOfOrderDropped++;
                }
                if (fin)
                {
                    _outOfOrderFin = true;
                    _outOfOrderFinSeq = seq + (uint)data.Length;
                    fin = false;
                }
                _ackPending = true;
                return;
            }
        }
        if (!fin && _outOfOrderFin && _outOfOrderFinSeq == _rcvNxt)
        {
            fin = true;
        }
        else if (fin && seq + (uint)data.Length != _rcvNxt)
        {
            // A FIN beyond a hole: remember where it is, and say at once what is missing (RFC 5681 §4.2).
            _outOfOrderFin = true;
            _outOfOrderFinSeq = seq + (uint)data.Length;
            _ackPending = true;
            fin = false;
        }
        if (fin)
            ReceiveFin(now);
    }

    /// <summary>In-order data: ACK now, or (delayed ACKs on) within the timeout and at least every second full segment (RFC 5681 §4.2).</summary>
    private void AckData(long now)
    {
        if (!_config.DelayedAck)
        {
            _ackPending = true;
            return;
        }
        _unackedSegments++;
        if (_unackedSegments >= 2)
        {
            _ackPending = true;
            return;
        }
        if (_delayedAckAt == 0)
            _delayedAckAt = now + _config.DelayedAckTimeout;
    }

    /// <summary>Eighth step: the FIN, in order (RFC 9293 §3.10.7.4).</summary>
    private void ReceiveFin(long now)
    {
        _rcvNxt++;
        _peerFin = true;
        _outOfOrderFin = false;
        _ackPending = true;
        switch (State)
        {
            case TcpState.SynReceived:
            case TcpState.Established:
                State = TcpState.CloseWait;
                break;
            case TcpState.FinWait1:
                // Simultaneous close (RFC 9293 §3.6, Figure 13) unless our FIN is already acknowledged.
                if (_finAcked)
                    EnterTimeWait(now);
                else
                    State = TcpState.Closing;
                break;
            case TcpState.FinWait2:
                EnterTimeWait(now);
                break;
        }
    }

    private void EnterTimeWait(long now)
    {
        State = TcpState.TimeWait;
        _timeWaitAt = now + _config.TimeWait;
        _rtoAt = _persistAt = _keepAliveAt = _delayedAckAt = 0;
    }

    /// <summary>Our SYN is acknowledged: the congestion window starts from the negotiated MSS.</summary>
    private void SynAcknowledged(long now)
    {
        _cc = new CongestionControl(_config.Congestion, SendMss, _config.InitialWindowSegments);
        _retransmissions = 0;
        _rtoAt = _sndUna == _sndMax ? 0 : now + _rtt.Rto;
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

    /// <summary>RCV.WND: free space in the receive ring, never less than what was already advertised.</summary>
    private long ReceiveWindow()
    {
        long free = _receive.Free;
        long advertised = (long)(_rcvAdvertisedEdge - _rcvNxt);
        if (Seq.Gt(_rcvAdvertisedEdge, _rcvNxt) && advertised > free)
            return Math.Min(advertised, _receive.Capacity - _receive.Count);
        return free;
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

        long newWindow = (long)seg.Window << _sndShift;
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
                _persistAt = 0;
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
                    _timeWaitAt = now + _config.TimeWait;
                }
                return false;
        }
        return true;
    }
}
