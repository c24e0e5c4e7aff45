namespace TickToTrade.Net.Tcp;

// Segment text and FIN (RFC 9293 §3.10.7.4, seventh and eighth steps): in-order and out-of-order data, the receive window.
public sealed partial class TcpConnection
{
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

    /// <summary>
    /// In-order data: ACK at the end of this poll iteration (or at once), or, with delayed ACKs, within
    /// the timeout; either way at least every second segment (RFC 5681 §4.2, RFC 9293 §3.8.6.3).
    /// </summary>
    private void AckData(long now)
    {
        _unackedSegments++;
        if (!_config.DelayedAck)
        {
            // Held to the end of the loop's iteration, so that a reply the application sends in it carries
            // the ACK (one frame, not two); released at the next poll when no reply came (see EndIteration).
            if (_config.AckAtIterationEnd && _unackedSegments < 2)
                _ackAtIterationEnd = true;
            else
                _ackPending = true;
            return;
        }
        if (_unackedSegments >= 2)
        {
            _ackPending = true;
            return;
        }
        if (_timers.DelayedAck == 0)
            _timers.DelayedAck = now + _config.DelayedAckTimeout;
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
        _timers.EnterTimeWait(now + _config.TimeWait); // every other timer stops
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
}
