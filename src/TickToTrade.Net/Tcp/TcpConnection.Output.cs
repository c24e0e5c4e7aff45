using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tcp;

public sealed partial class TcpConnection
{
    /// <summary>Data bytes per segment: the peer's MSS, less the options every segment carries (RFC 6691).</summary>
    private int SendMss => Math.Max(Math.Min(PeerMssOrDefault, _config.Mss) - (_timestamps ? 12 : 0), 1);

    /// <summary>
    /// Sends what the state, the windows and the queue allow: SYN or SYN,ACK,
    /// new data, our FIN, and a pending ACK if nothing else carried it.
    /// </summary>
    internal void Output(long now)
    {
        switch (State)
        {
            case TcpState.Closed:
            case TcpState.Listen:
                return;
            case TcpState.SynSent:
            case TcpState.SynReceived:
                if (_sndNxt == _iss)
                    SendSyn(now);
                if (State == TcpState.SynSent)
                    return;
                break;
            case TcpState.TimeWait:
                if (_ackPending)
                    SendSegment(_sndMax, TcpFlags.Ack, 0, 0, now);
                return;
        }
        if (State == TcpState.SynReceived)
        {
            if (_ackPending)
                SendSegment(_sndMax, TcpFlags.Ack, 0, 0, now);
            return;
        }

        int mss = SendMss;
        if (_inRecovery && SackRecovery)
            SackRecoveryOutput(now, mss);
        while (!(_inRecovery && SackRecovery))
        {
            long flight = _sndNxt - _sndUna;
            long window = Math.Min(_sndWnd, _cc.Cwnd);
            uint dataEnd = DataEnd;
            long queued = Seq.Lt(_sndNxt, dataEnd) ? (long)(dataEnd - _sndNxt) : 0; // past our FIN: nothing
            if (queued > 0)
            {
                long usable = window - flight;
                if (usable <= 0)
                {
                    if (_sndWnd == 0 && flight == 0 && _timers.Persist == 0)
                        _timers.Persist = now + PersistInterval(); // RFC 9293 §3.8.6.1: probe a zero window
                    break;
                }
                int length = (int)Math.Min(Math.Min(queued, usable), mss);
                // Nagle (RFC 9293 §3.7.4), off by default: hold a small segment while data is unacknowledged.
                if (_config.Nagle && length < mss && flight > 0)
                    break;
                bool fin = _finQueued && !_finAcked && _sndNxt + (uint)length == dataEnd;
                if (!SendData(_sndNxt, length, fin, now))
                    break;
                continue;
            }
            if (_finQueued && !_finAcked && _sndNxt == dataEnd)
            {
                if (flight >= window && flight > 0 && _sndWnd > 0)
                    break;
                SendData(_sndNxt, 0, fin: true, now);
            }
            break;
        }
        // A bare ACK carries SND.MAX, as BSD does: after a timeout rewinds SND.NXT, the peer may
        // already hold bytes past it, and an ACK below its RCV.NXT would fail its acceptability test.
        if (_ackPending)
            SendSegment(_sndMax, TcpFlags.Ack, 0, 0, now);
    }

    /// <summary>Sends <paramref name="length"/> queued bytes from <paramref name="seq"/> (and the FIN after them); moves SND.NXT and SND.MAX.</summary>
    private bool SendData(uint seq, int length, bool fin, long now)
    {
        TcpFlags flags = TcpFlags.Ack | (length > 0 ? TcpFlags.Psh : 0) | (fin ? TcpFlags.Fin : 0);
        bool retransmission = Seq.Lt(seq, _sndMax);
        int wanted = length;
        if (!SendSegment(seq, flags, (int)(seq - DataStart), ref length, now))
            return false;
        if (wanted > 0 && length == 0 && !fin)
            return false; // the options left no room for data: do not spin
        fin &= length == wanted;
        uint end = seq + (uint)length + (fin ? 1u : 0u);
        if (fin)
        {
            _finSent = true;
            _finSeq = seq + (uint)length;
        }
        if (retransmission)
        {
            _counters.Retransmits++;
            _counters.RetransmittedBytes += length;
            _rttTiming = false; // Karn
        }
        else
        {
            if (!_rttTiming)
            {
                _rttTiming = true;
                _rttSeq = seq;
                _rttStart = now;
            }
            if (!_inRecovery)
                _timers.Probe = now + ProbeTimeout();
        }
        _sndNxt = end;
        if (Seq.Gt(end, _sndMax))
            _sndMax = end;
        if (_timers.Rto == 0)
            _timers.Rto = now + _rtt.Rto; // RFC 6298 §5.1
        if (_unackedSince == 0)
            _unackedSince = now;
        return true;
    }

    private void SendSyn(long now)
    {
        TcpFlags flags = State == TcpState.SynReceived ? TcpFlags.Syn | TcpFlags.Ack : TcpFlags.Syn;
        bool retransmission = _sndMax != _iss;
        if (!SendSegment(_iss, flags, 0, 0, now))
            return;
        _sndNxt = _iss + 1;
        _sndMax = _iss + 1;
        if (retransmission)
        {
            _counters.Retransmits++;
            _rttTiming = false;
        }
        else
        {
            _rttTiming = true;
            _rttSeq = _iss;
            _rttStart = now;
        }
        _timers.Rto = now + _rtt.Rto;
    }

    /// <summary>A RST &lt;SEQ=seq&gt;&lt;CTL=RST&gt; from this connection's endpoints (RFC 9293 §3.10.7).</summary>
    private void SendReset(uint seq) => ResetSegment.Send(_output, _counters, Local, Remote, seq, 0, TcpFlags.Rst);

    /// <summary>
    /// Builds one segment straight into a TX frame: header, options (MSS, window
    /// scale, SACK-permitted on SYNs; timestamps; SACK blocks), and
    /// <paramref name="length"/> bytes copied from the send ring at
    /// <paramref name="dataOffset"/>. Every segment but a bare SYN carries the ACK.
    /// </summary>
    private bool SendSegment(uint seq, TcpFlags flags, int dataOffset, int length, long now) =>
        SendSegment(seq, flags, dataOffset, ref length, now);

    /// <summary>
    /// As above; <paramref name="length"/> is cut when this segment's options leave less
    /// room (RFC 6691: the MSS counts data plus options beyond the 20-byte header), and
    /// a FIN that no longer follows the last byte is left for the next segment.
    /// </summary>
    private bool SendSegment(uint seq, TcpFlags flags, int dataOffset, ref int length, long now)
    {
        var repr = new TcpRepr
        {
            SourcePort = Local.Port,
            DestinationPort = Remote.Port,
            Sequence = seq,
            Acknowledgment = (flags & TcpFlags.Ack) != 0 ? _rcvNxt : 0,
            Flags = flags,
            Options = TcpOptions.None,
        };
        bool syn = (flags & TcpFlags.Syn) != 0;
        if (syn)
        {
            // RFC 9293 §3.7.1, RFC 7323 §2.2 and §3.2, RFC 2018 §2: offered on our SYN; on a SYN,ACK only what the peer offered.
            repr.Options.Mss = _config.Mss;
            bool active = State == TcpState.SynSent;
            if (_config.WindowScaling && (active || _windowScaleOk))
                repr.Options.WindowScale = (sbyte)_config.ReceiveWindowShift;
            repr.Options.SackPermitted = _config.Sack && (active || _sackOk);
            if (_config.Timestamps && (active || _timestamps))
            {
                repr.Options.HasTimestamps = true;
                repr.Options.TsVal = TsNow(now);
                repr.Options.TsEcr = active ? 0 : _tsRecent;
            }
            repr.Window = (ushort)Math.Min(_receive.Free, 65535); // RFC 7323 §2.2: never scaled on a SYN
        }
        else
        {
            if (_timestamps)
            {
                repr.Options.HasTimestamps = true;
                repr.Options.TsVal = TsNow(now);
                repr.Options.TsEcr = _tsRecent;
            }
            if (_sackOk && _outOfOrder.Count > 0)
                FillSackBlocks(ref repr.Options);
            repr.Window = AdvertisedWindow();
        }
        int header = repr.HeaderLength;
        int room = Math.Min(PeerMssOrDefault, _config.Mss) - (header - Wire.Tcp.TcpSegment.MinHeaderLength);
        if (length > room && !syn)
        {
            length = Math.Max(room, 0);
            repr.Flags &= ~TcpFlags.Fin;
            flags = repr.Flags;
        }
        if (!_output.TryBeginSegment(Remote.Address, header + length, out Span<byte> segment))
        {
            _counters.TxNoBuffer++;
            return false;
        }
        bool offload = _output.ChecksumOffload;
        ulong payloadSum = 0;
        int copied = length == 0 ? 0 : offload
            ? _send.Peek(dataOffset, segment.Slice(header, length))
            : _send.PeekAndSum(dataOffset, segment.Slice(header, length), out payloadSum); // copy and checksum in one pass
        if (copied != length)
        {
            // Never put bytes on the wire that are not the queued data: drop the frame (a bug guard).
            _output.AbortSegment();
            _counters.TxNoBuffer++;
            return false;
        }
        if (offload)
            repr.Emit(segment, Local.Address, Remote.Address, length, offloadChecksum: true);
        else
            repr.EmitWithPayloadSum(segment, Local.Address, Remote.Address, length, payloadSum);
        _output.EndSegment();
        _counters.SegmentsSent++;
        _counters.BytesSent += length;
        if ((flags & TcpFlags.Ack) != 0)
        {
            _ackPending = false;
            _ackAtIterationEnd = false;
            _timers.DelayedAck = 0;
            _unackedSegments = 0;
            _lastAckSent = _rcvNxt;
            if (!syn)
                _rcvAdvertisedEdge = _rcvNxt + ((uint)repr.Window << _rcvShift);
        }
        return true;
    }

    /// <summary>The window field: RCV.WND scaled down (RFC 7323 §2.3), never moving the right edge left (RFC 9293 §3.8.6.2.2).</summary>
    private ushort AdvertisedWindow()
    {
        long window = ReceiveWindow();
        long field = window >> _rcvShift;
        if (Seq.Gt(_rcvAdvertisedEdge, _rcvNxt + (uint)(field << _rcvShift)) && _rcvAdvertisedEdge != 0)
            field = ((long)(_rcvAdvertisedEdge - _rcvNxt) + (1L << _rcvShift) - 1) >> _rcvShift;
        return (ushort)Math.Min(field, 65535);
    }

    /// <summary>RFC 2018 §4: the first block holds the segment that arrived last, then the others, as many as fit.</summary>
    private void FillSackBlocks(ref TcpOptions o)
    {
        int max = _timestamps ? 3 : 4;
        int first = _outOfOrder.IndexOf(_lastOutOfOrderStart);
        int n = 0;
        if (first >= 0)
            o.Sack[n++] = new SackBlock(_outOfOrder.StartAt(first), _outOfOrder.EndAt(first));
        for (int i = _outOfOrder.Count - 1; i >= 0 && n < max; i--)
            if (i != first)
                o.Sack[n++] = new SackBlock(_outOfOrder.StartAt(i), _outOfOrder.EndAt(i));
        o.SackCount = n;
    }

    /// <summary>RFC 7323 §5.4: a millisecond clock with a per-connection random offset.</summary>
    private uint TsNow(long now) => (uint)(now / 1_000_000) + _tsOffset;
}
