using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// One TCP connection: the transmission control block of RFC 9293 §3.3.1 with
/// its send and receive rings in native memory. Preallocated by the stack and
/// reused; never allocates after construction. Driven only by the poll loop:
/// <see cref="Input"/> for each arriving segment, <see cref="Poll"/> for timers
/// and output. The user side is non-blocking: <see cref="Send"/>,
/// <see cref="Receive"/>, <see cref="Close"/>, <see cref="Abort"/>.
/// The protocol is split by concern: this file (state and user calls),
/// TcpConnection.Input.cs (segment arrival, RFC 9293 §3.10.7: the state
/// dispatch, acceptability, RST and SYN checks), .Ack.cs (the ACK field and
/// loss signals), .Receive.cs (text and FIN), .Output.cs (what to send),
/// .Recovery.cs (SACK recovery, retransmission, tail loss probe) and .Timers.cs
/// (what happens when a deadline in <see cref="TcpTimers"/> comes).
/// </summary>
public sealed partial class TcpConnection : IDisposable
{
    private readonly TcpConfig _config;
    private readonly TcpCounters _counters;
    private readonly ISegmentOutput _output;
    private readonly IsnGenerator _isn;
    private readonly ByteRing _send;
    private readonly ByteRing _receive;
    private readonly SeqRangeSet _outOfOrder;  // received above RCV.NXT, held in _receive past its readable part
    private readonly SeqRangeSet _sacked;      // the peer's SACK blocks above SND.UNA (RFC 2018 §5)

    // RFC 9293 §3.3.1 send sequence variables (SND.MAX as in BSD: the highest sequence number sent + 1).
    private uint _iss, _sndUna, _sndNxt, _sndMax, _sndWl1, _sndWl2;
    private long _sndWnd, _maxSndWnd;
    // Receive sequence variables.
    private uint _irs, _rcvNxt, _rcvAdvertisedEdge;
    // Negotiated options.
    private int _sndShift, _rcvShift;
    private int _peerMss;
    private bool _timestamps, _sackOk, _windowScaleOk, _synAcked;
    private uint _tsRecent, _lastAckSent, _tsOffset;

    // Our FIN: queued by Close(); it takes the sequence number after the last data byte.
    private bool _finQueued, _finSent, _finAcked;
    private uint _finSeq;
    // The peer's FIN, when it arrived out of order.
    private bool _outOfOrderFin;
    private uint _outOfOrderFinSeq;
    private bool _peerFin;
    private uint _lastOutOfOrderStart;

    // Deadlines (TcpTimers), and when data first went unacknowledged and the last hole was resent.
    private TcpTimers _timers;
    private long _lastHoleRetransmitAt, _unackedSince;
    private int _retransmissions, _persistProbes, _keepAliveSent;
    private RttEstimator _rtt;
    private bool _rttTiming;
    private uint _rttSeq;
    private long _rttStart;
    private CongestionControl _cc;
    private int _dupAcks;
    private bool _inRecovery;
    private uint _recover, _highRxt;
    private bool _ackPending;
    private bool _ackAtIterationEnd; // an ACK owed, held until the loop's next poll unless a segment carries it first
    private int _unackedSegments;

    internal TcpConnection(TcpConfig config, TcpCounters counters, ISegmentOutput output, IsnGenerator isn)
    {
        _config = config;
        _counters = counters;
        _output = output;
        _isn = isn;
        _send = new ByteRing(config.SendBufferBytes);
        _receive = new ByteRing(config.ReceiveBufferBytes);
        _outOfOrder = new SeqRangeSet(config.MaxOutOfOrderRanges);
        _sacked = new SeqRangeSet(16);
        State = TcpState.Closed;
    }

    public TcpState State { get; private set; }
    public TcpError Error { get; private set; }
    public TcpEndpoint Local { get; private set; }
    public TcpEndpoint Remote { get; private set; }
    /// <summary>The listening port this connection was accepted on (0 for active opens).</summary>
    internal ushort ListenPort { get; private set; }
    internal bool Accepted { get; set; }
    internal bool Released { get; set; } = true;

    /// <summary>Bytes the user can read now.</summary>
    public int ReceivableBytes => _receive.Count;
    /// <summary>Bytes the user can still queue.</summary>
    public int SendableBytes => _finQueued || !CanSend ? 0 : _send.Free;
    /// <summary>Bytes queued and not yet acknowledged.</summary>
    public int UnacknowledgedBytes => _send.Count;
    /// <summary>True once the peer's FIN has been received and every byte before it read: no more data will come.</summary>
    public bool ReceiveFinished => _peerFin && _receive.Count == 0;
    public bool IsEstablished => State == TcpState.Established;

    // Diagnostics for tests and tcpcheck.
    public long CongestionWindow => _cc.Cwnd;
    public long SendWindow => _sndWnd;
    public long SmoothedRttNanoseconds => _rtt.SmoothedRtt;
    public long RtoNanoseconds => _rtt.Rto;
    public bool TimestampsEnabled => _timestamps;
    public bool SackEnabled => _sackOk;
    public int SendWindowShift => _sndShift;
    public int ReceiveWindowShift => _rcvShift;
    public int PeerMss => _peerMss;
    public uint SendUnacknowledged => _sndUna;
    public uint SendNext => _sndNxt;
    public uint ReceiveNext => _rcvNxt;
    public uint InitialSendSequence => _iss;

    private bool CanSend => State is TcpState.Established or TcpState.CloseWait or TcpState.SynSent or TcpState.SynReceived;
    private bool Synchronized => State >= TcpState.Established || (State == TcpState.SynReceived);

    /// <summary>Sequence number of the first byte in the send ring (after our SYN).</summary>
    private uint DataStart => _synAcked ? _sndUna : _iss + 1;
    /// <summary>Sequence number just past the last queued data byte: our FIN's, once queued.</summary>
    private uint DataEnd => DataStart + (uint)_send.Count;

    /// <summary>True while an ACK is held for the end of the loop's iteration.</summary>
    internal bool AckHeld => _ackAtIterationEnd;

    /// <summary>
    /// The loop came round again: an ACK held since the last iteration that no segment carried
    /// goes out now (the stack calls this at the start of each poll).
    /// </summary>
    internal void EndIteration(long now)
    {
        if (!_ackAtIterationEnd)
            return;
        _ackAtIterationEnd = false;
        if (State == TcpState.Closed)
            return;
        _ackPending = true;
        Output(now);
    }

    /// <summary>Queues bytes for sending; returns how many fit (0 when the ring is full or the connection cannot send).</summary>
    public int Send(ReadOnlySpan<byte> data)
    {
        if (_finQueued || !CanSend)
            return 0;
        return _send.Write(data);
    }

    /// <summary>Reads received bytes in order; returns how many were copied.</summary>
    public int Receive(Span<byte> target)
    {
        bool wasSmall = ReceiveWindow() < PeerMssOrDefault;
        int n = _receive.Read(target);
        // RFC 9293 §3.8.6.2.2: tell the peer when the window opens by a useful amount.
        if (n > 0 && Synchronized && (wasSmall || ReceiveWindow() - (long)(_rcvAdvertisedEdge - _rcvNxt) >= Math.Min(_receive.Capacity / 2, 2 * PeerMssOrDefault)))
            _ackPending = true;
        return n;
    }

    /// <summary>Closes our direction (RFC 9293 §3.10.4): a FIN follows the queued data. Receiving continues until the peer's FIN.</summary>
    public void Close()
    {
        switch (State)
        {
            case TcpState.SynSent:
            case TcpState.Listen:
                Terminate(TcpError.None);
                break;
            case TcpState.SynReceived:
                _finQueued = true; // FIN-WAIT-1 once our SYN is acknowledged (RFC 9293 §3.10.4)
                break;
            case TcpState.Established:
                _finQueued = true;
                State = TcpState.FinWait1;
                break;
            case TcpState.CloseWait:
                _finQueued = true;
                State = TcpState.LastAck;
                break;
        }
    }

    /// <summary>Aborts (RFC 9293 §3.10.5): sends RST in a synchronized state, drops everything.</summary>
    public void Abort()
    {
        if (State is TcpState.SynReceived or TcpState.Established or TcpState.FinWait1 or TcpState.FinWait2 or TcpState.CloseWait)
            SendReset(_sndMax);
        Terminate(TcpError.Aborted);
    }

    /// <summary>Gives the slot back to the stack once the connection is closed (or aborts it first).</summary>
    public void Release()
    {
        if (State != TcpState.Closed)
            Abort();
        Released = true;
    }

    /// <summary>The peer's MSS, or RFC 9293 §3.7.1's 536 before its SYN is seen.</summary>
    private int PeerMssOrDefault => _peerMss == 0 ? 536 : _peerMss;

    internal void OpenActive(TcpEndpoint local, TcpEndpoint remote, long now)
    {
        Reset(local, remote, now);
        Released = false;
        Accepted = true;
        ListenPort = 0;
        State = TcpState.SynSent;
        _iss = _isn.Next(local.Address, local.Port, remote.Address, remote.Port, now);
        _sndUna = _sndNxt = _sndMax = _iss;
        Output(now);
    }

    /// <summary>A SYN arrived on a listening port (RFC 9293 §3.10.7.2): SYN-RECEIVED, and a SYN,ACK goes out.</summary>
    internal void OpenPassive(TcpEndpoint local, TcpEndpoint remote, in SegmentView syn, long now)
    {
        Reset(local, remote, now);
        Released = false;
        Accepted = false;
        ListenPort = local.Port;
        State = TcpState.SynReceived;
        _irs = syn.Seq;
        _rcvNxt = syn.Seq + 1;
        ApplySynOptions(syn);
        _sndWnd = syn.Window; // RFC 7323 §2.2: the window in a SYN is never scaled
        _sndWl1 = syn.Seq;
        _iss = _isn.Next(local.Address, local.Port, remote.Address, remote.Port, now);
        _sndUna = _sndNxt = _sndMax = _iss;
        _sndWl2 = _iss;
        Output(now);
    }

    private void Reset(TcpEndpoint local, TcpEndpoint remote, long now)
    {
        Local = local;
        Remote = remote;
        Error = TcpError.None;
        _send.Clear();
        _receive.Clear();
        _outOfOrder.Clear();
        _sacked.Clear();
        _sndWnd = _maxSndWnd = 0;
        _sndShift = _rcvShift = 0;
        _peerMss = 0;
        _timestamps = _sackOk = _windowScaleOk = _synAcked = false;
        _tsRecent = _lastAckSent = 0;
        _tsOffset = _isn.Keyed(remote.Address, remote.Port, local.Address, local.Port);
        _finQueued = _finSent = _finAcked = _outOfOrderFin = _peerFin = false;
        _finSeq = 0;
        _timers.StopAll();
        _unackedSince = _lastHoleRetransmitAt = 0;
        _timers.KeepAlive = _config.KeepAlive ? now + _config.KeepAliveIdle : 0;
        _retransmissions = _persistProbes = _keepAliveSent = 0;
        _rtt = new RttEstimator(_config.InitialRto, _config.MinRto, _config.MaxRto);
        _rttTiming = false;
        _cc = new CongestionControl(_config.Congestion, _config.Mss, _config.InitialWindowSegments);
        _dupAcks = 0;
        _inRecovery = false;
        _ackPending = false;
        _ackAtIterationEnd = false;
        _unackedSegments = 0;
        _rcvAdvertisedEdge = 0;
    }

    private void Terminate(TcpError error)
    {
        if (State == TcpState.Closed)
            return;
        if (error != TcpError.None)
            Error = error;
        State = TcpState.Closed;
        _timers.StopAll();
        if (ListenPort != 0 && !Accepted)
            Released = true; // never handed to the user: the slot is free again
    }

    /// <summary>The control block in one line, for diagnostics (allocates: off the hot path).</summary>
    public override string ToString() =>
        $"{State} {Local}->{Remote} una={_sndUna - _iss} nxt={_sndNxt - _iss} max={_sndMax - _iss} queued={_send.Count} wnd={_sndWnd} cwnd={_cc.Cwnd} ssthresh={_cc.Ssthresh} " +
        $"rto={_rtt.Rto / 1_000_000}ms rtoAt={_timers.Rto} persistAt={_timers.Persist} rexmits={_retransmissions} recovery={_inRecovery} recover={_recover - _iss} highRxt={_highRxt - _iss} sacked={_sacked.Count} dupacks={_dupAcks} " +
        $"rcvNxt={_rcvNxt - _irs} readable={_receive.Count} ooo={_outOfOrder.Count} adv={_rcvAdvertisedEdge - _rcvNxt} fin={_finQueued}/{_finSent}/{_finAcked} peerFin={_peerFin}";

    public void Dispose()
    {
        _send.Dispose();
        _receive.Dispose();
    }
}
