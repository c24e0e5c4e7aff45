using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tcp;

// Loss repair on the sending side: SACK recovery by the pipe (RFC 6675), hole retransmission, and the tail loss probe (RFC 8985).
public sealed partial class TcpConnection
{
    /// <summary>
    /// RFC 6675 §5 step C: while cwnd − pipe allows a segment, send the next one
    /// NextSeg() names: a hole below the highest SACKed byte not yet retransmitted,
    /// else new data. pipe = bytes above the highest SACK still in flight, plus the
    /// holes already retransmitted (holes below it count as lost, RFC 6675 IsLost
    /// simplified to "below a SACKed byte").
    /// </summary>
    private void SackRecoveryOutput(long now, int mss)
    {
        for (int guard = 0; guard < 64; guard++)
        {
            // A lost retransmission (RFC 8985 §6.2, simplified): every hole went out again, SND.UNA
            // is still a hole, and more than an RTT and a quarter passed since the last one did.
            // Count the holes as not retransmitted and go round them again.
            // (Capped at half the RTO: an RTT inflated by the peer's delayed ACKs must not leave this to the timer.)
            if (Seq.Gt(_highRxt, _sndUna) && _sacked.IndexOf(_sndUna) < 0 && now - _lastHoleRetransmitAt > Math.Min(Math.Max(_rtt.SmoothedRtt * 5 / 4, 1_000_000), _rtt.Rto / 2))
                _highRxt = _sndUna;
            uint highest = _sacked.HighestEnd;
            long pipe = Seq.Gt(_sndNxt, highest) ? (long)(_sndNxt - highest) : 0;
            uint hole = 0;
            bool haveHole = false;
            uint seq = _sndUna;
            for (int i = 0; i <= _sacked.Count && Seq.Lt(seq, highest); i++)
            {
                uint holeEnd = i < _sacked.Count ? _sacked.StartAt(i) : highest;
                if (Seq.Lt(seq, holeEnd))
                {
                    // [seq, holeEnd) is a hole; the part below HighRxt has been retransmitted.
                    uint rtxEnd = Seq.Min(Seq.Max(_highRxt, seq), holeEnd);
                    pipe += rtxEnd - seq;
                    if (!haveHole && Seq.Lt(rtxEnd, holeEnd))
                    {
                        hole = rtxEnd;
                        haveHole = true;
                    }
                }
                if (i < _sacked.Count)
                    seq = Seq.Max(seq, _sacked.EndAt(i));
            }
            // RFC 6675 §5 (4.3): the first hole goes out at once, whatever the pipe says; the rest by the pipe.
            bool first = haveHole && hole == _sndUna && _highRxt == _sndUna;
            if (!first && _cc.Cwnd - pipe < mss && pipe != 0)
                return;
            if (haveHole)
            {
                _highRxt = hole;
                RetransmitNextHole(now, fromUna: false);
                if (_highRxt == hole)
                    return; // nothing went out (no buffer): try again on the next poll
                _lastHoleRetransmitAt = now;
                continue;
            }
            // No hole left: new data, within the peer's window.
            uint dataEnd = DataEnd;
            long queued = Seq.Lt(_sndNxt, dataEnd) ? (long)(dataEnd - _sndNxt) : 0;
            long windowRoom = _sndWnd - (long)(_sndNxt - _sndUna);
            if (queued <= 0 || windowRoom <= 0)
                return;
            int length = (int)Math.Min(Math.Min(queued, windowRoom), mss);
            bool fin = _finQueued && !_finAcked && _sndNxt + (uint)length == dataEnd;
            if (!SendData(_sndNxt, length, fin, now))
                return;
        }
    }

    /// <summary>RFC 8985 §7.2: PTO = 2·SRTT (at least 2 ms here, and never after the RTO).</summary>
    private long ProbeTimeout() => Math.Min(Math.Max(2 * _rtt.SmoothedRtt, 2_000_000), _rtt.Rto);

    /// <summary>
    /// RFC 8985 §7.3: the probe timer fired with data outstanding and no ACK: send
    /// one new segment if the window allows, else the last one again, so the peer's
    /// ACK (with SACK) shows what is missing and fast recovery, not the RTO, repairs it.
    /// </summary>
    private void TailLossProbe(long now)
    {
        _timers.Probe = 0;
        if (_inRecovery || _sndUna == _sndMax || State < TcpState.Established)
            return;
        if (_sackOk && _sacked.Count > 0 && !Seq.Lt(_sndUna, _recover))
        {
            // Data above SND.UNA was delivered two RTTs ago and SND.UNA still is not: it is lost,
            // not reordered (RFC 8985 §6.2, the reordering window is well under 2·SRTT). Repair now.
            EnterRecovery(now);
            Output(now);
            return;
        }
        _counters.TailLossProbes++;
        uint dataEnd = DataEnd;
        long queued = Seq.Lt(_sndNxt, dataEnd) ? (long)(dataEnd - _sndNxt) : 0;
        if (queued > 0 && _sndNxt == _sndMax && _sndWnd - (long)(_sndNxt - _sndUna) >= Math.Min(queued, SendMss))
        {
            int length = (int)Math.Min(queued, SendMss);
            SendData(_sndNxt, length, _finQueued && !_finAcked && _sndNxt + (uint)length == dataEnd, now);
            _timers.Probe = 0;
            return;
        }
        uint last = _sndMax - (uint)Math.Min((long)(_sndMax - _sndUna), SendMss);
        _highRxt = last;
        RetransmitNextHole(now, fromUna: false);
    }

    /// <summary>Retransmits one segment's worth of the first hole at or after SND.UNA (or after the last hole retransmitted), skipping SACKed ranges.</summary>
    private void RetransmitNextHole(long now, bool fromUna)
    {
        uint seq = fromUna ? _sndUna : Seq.Max(_highRxt, _sndUna);
        uint limit = _sacked.Count > 0 ? _sacked.HighestEnd : _sndMax;
        if (fromUna && _sacked.Count == 0)
            limit = _sndMax;
        while (Seq.Lt(seq, limit))
        {
            int inRange = _sacked.IndexOf(seq);
            if (inRange >= 0)
            {
                seq = _sacked.EndAt(inRange);
                continue;
            }
            uint holeEnd = _sndMax;
            for (int i = 0; i < _sacked.Count; i++)
                if (Seq.Gt(_sacked.StartAt(i), seq))
                {
                    holeEnd = _sacked.StartAt(i);
                    break;
                }
            uint dataEnd = DataEnd;
            int length = (int)Math.Min(Math.Min((long)(holeEnd - seq), (long)(dataEnd - seq)), SendMss);
            bool fin = _finSent && seq + (uint)Math.Max(length, 0) == _finSeq && Seq.Lt(_finSeq, holeEnd);
            if (length <= 0 && !fin)
                return;
            TcpFlags flags = TcpFlags.Ack | (length > 0 ? TcpFlags.Psh : 0) | (fin ? TcpFlags.Fin : 0);
            int wanted = Math.Max(length, 0);
            length = wanted;
            if (SendSegment(seq, flags, (int)(seq - DataStart), ref length, now))
            {
                fin &= length == wanted;
                _counters.Retransmits++;
                _counters.RetransmittedBytes += length;
                _rttTiming = false;
                _highRxt = seq + (uint)Math.Max(length, 0) + (fin ? 1u : 0u);
            }
            return;
        }
    }
}
