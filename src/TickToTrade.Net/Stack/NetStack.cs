using TickToTrade.Net.Arp;
using TickToTrade.Net.Fragments;
using TickToTrade.Net.Tcp;
using TickToTrade.Net.Udp;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Stack;

/// <summary>
/// The user-space TCP/IP stack on one port: Ethernet, ARP, IPv4 (with reassembly), ICMP echo and
/// unreachable, UDP, and TCP connections from a preallocated table. No threads:
/// the poll loop calls <see cref="Poll"/> with the time, and the socket calls
/// (<see cref="Connect"/>, <see cref="Listen"/>, <see cref="Accept"/>, and the
/// connection's Send/Receive/Close) never block. Nothing allocates after
/// construction. Split by concern: this file (state, API, poll), NetStack.Receive.cs
/// (frames in) and NetStack.Transmit.cs (frames out).
/// </summary>
public sealed partial class NetStack<TPort> : ISegmentOutput, IDisposable where TPort : struct, IPacketPort
{
    private TPort _port;
    private readonly InterfaceConfig _if;
    private readonly TcpConfig _tcp;
    private readonly ArpCache _arp;
    private readonly Ipv4Reassembler _reassembler;
    private readonly IsnGenerator _isn;
    private readonly TcpConnection[] _connections;
    private readonly ushort[] _listening;
    private int _listeningCount;
    private readonly UdpSocket?[] _udp;
    private readonly PacketBuffer[] _rx = new PacketBuffer[PortLimits.MaxBurst];
    private readonly PacketBuffer[] _tx = new PacketBuffer[PortLimits.MaxBurst];
    private readonly PacketBuffer[] _scratch = new PacketBuffer[PortLimits.MaxBurst];
    private readonly Ipv4Address[] _arpRetry = new Ipv4Address[16];
    private readonly PacketBuffer[] _superseded = new PacketBuffer[32]; // queued segments a newer copy replaced (ArpCache's queue holds 32)
    private int _txCount;
    private ushort _ipId;
    private ushort _nextEphemeral;
    private long _now;
    private long _challengeSecond;
    private int _challengeCount;
    private bool _announced;

    public NetStack(TPort port, InterfaceConfig config, TcpConfig tcp, ref Xoshiro256 random, int maxConnections = 8, int maxListeners = 4, int maxUdpSockets = 4)
    {
        tcp.Validate();
        _port = port;
        _if = config;
        _tcp = tcp;
        _arp = new ArpCache();
        _reassembler = new Ipv4Reassembler(config.ReassemblySlots, config.ReassemblyTimeout);
        _isn = new IsnGenerator(ref random);
        _nextEphemeral = (ushort)(49152 + random.Next(16384)); // RFC 6335 §6: the dynamic range
        _ipId = (ushort)random.Next(65536);
        _connections = new TcpConnection[maxConnections];
        for (int i = 0; i < maxConnections; i++)
            _connections[i] = new TcpConnection(tcp, TcpCounters, this, _isn);
        _listening = new ushort[maxListeners];
        _udp = new UdpSocket?[maxUdpSockets];
    }

    public InterfaceConfig Interface => _if;
    public NetCounters Counters { get; } = new();
    public TcpCounters TcpCounters { get; } = new();
    public ArpCache Arp => _arp;
    internal IsnGenerator Isn => _isn;
    /// <summary>The port, for its own counters.</summary>
    public ref TPort Port => ref _port;

    /// <summary>
    /// One turn of the loop: send the ACKs held through the last turn that no reply
    /// carried, receive a burst and process every frame, run ARP, reassembly and
    /// TCP timers, send what is ready, and flush the TX burst.
    /// </summary>
    public void Poll(long now)
    {
        _now = now;
        if (!_announced)
        {
            SendGratuitousArp();
            _announced = true;
        }
        // The loop came round: ACKs held through the last iteration that no reply carried go now.
        for (int i = 0; i < _connections.Length; i++)
            if (_connections[i].AckHeld)
                _connections[i].EndIteration(now);
        int n = _port.Receive(_rx);
        for (int i = 0; i < n; i++)
            HandleFrame(_rx[i].Span);
        if (n > 0)
            _port.Free(_rx.AsSpan(0, n));
        ExpireArp();
        if (_reassembler.InProgress > 0)
            ExpireFragments();
        for (int i = 0; i < _connections.Length; i++)
            _connections[i].Poll(now);
        Flush();
    }

    private void ExpireFragments()
    {
        int fragments = _reassembler.Expire(_now, out int datagrams);
        Counters.Ipv4ReassemblyTimeouts += datagrams;
        Counters.Ipv4FragmentsDropped += fragments;
    }

    /// <summary>Opens a connection to <paramref name="remote"/> from an ephemeral port (RFC 9293 §3.10.1, active OPEN); null when every slot is in use.</summary>
    public TcpConnection? Connect(TcpEndpoint remote, long now)
    {
        _now = now;
        TcpConnection? c = FreeSlot(passive: false);
        if (c is null)
            return null;
        ushort port = NextEphemeralPort(remote);
        c.OpenActive(new TcpEndpoint(_if.Address, port), remote, now);
        Flush();
        return c;
    }

    /// <summary>Accepts connections on <paramref name="port"/> (passive OPEN); false when the listener table is full.</summary>
    public bool Listen(ushort port)
    {
        for (int i = 0; i < _listeningCount; i++)
            if (_listening[i] == port)
                return true;
        if (_listeningCount == _listening.Length)
            return false;
        _listening[_listeningCount++] = port;
        return true;
    }

    /// <summary>A connection that completed its handshake on <paramref name="port"/> and was not yet accepted, or null.</summary>
    public TcpConnection? Accept(ushort port)
    {
        foreach (TcpConnection c in _connections)
        {
            if (!c.Accepted && c.ListenPort == port && !c.Released && c.State >= TcpState.Established)
            {
                c.Accepted = true;
                return c;
            }
        }
        return null;
    }

    /// <summary>Binds a UDP port; null when the socket table is full or the port is taken.</summary>
    public UdpSocket? BindUdp(ushort port, int slots = 64)
    {
        int free = -1;
        for (int i = 0; i < _udp.Length; i++)
        {
            if (_udp[i]?.Port == port)
                return null;
            if (_udp[i] is null && free < 0)
                free = i;
        }
        if (free < 0)
            return null;
        return _udp[free] = new UdpSocket(port, slots);
    }

    /// <summary>Sends what a connection has queued now, without waiting for the next poll, and flushes: the order path.</summary>
    public void Push(TcpConnection connection, long now)
    {
        _now = now;
        connection.Output(now);
        Flush();
    }

    /// <summary>
    /// A free connection slot. Passive opens leave the last one for our own
    /// connects, so a flood of SYNs cannot take the order session's slot.
    /// </summary>
    private TcpConnection? FreeSlot(bool passive)
    {
        TcpConnection? found = null;
        int free = 0;
        foreach (TcpConnection c in _connections)
        {
            if (c.Released && c.State == TcpState.Closed)
            {
                found ??= c;
                free++;
            }
        }
        if (passive && free <= 1 && _connections.Length > 1)
            return null;
        return found;
    }

    private ushort NextEphemeralPort(TcpEndpoint remote)
    {
        for (int tries = 0; tries < 16384; tries++)
        {
            ushort p = _nextEphemeral;
            _nextEphemeral = (ushort)(_nextEphemeral == 65535 ? 49152 : _nextEphemeral + 1);
            if (Find(remote.Address, remote.Port, p) is null)
                return p;
        }
        return _nextEphemeral;
    }

    private TcpConnection? Find(Ipv4Address remote, ushort remotePort, ushort localPort)
    {
        foreach (TcpConnection c in _connections)
            if (c.State != TcpState.Closed && c.Local.Port == localPort && c.Remote.Port == remotePort && c.Remote.Address == remote)
                return c;
        return null;
    }

    /// <summary>The live connection for a four-tuple, accepted or not (for tests and diagnostics).</summary>
    internal TcpConnection? FindConnection(TcpEndpoint remote, ushort localPort) => Find(remote.Address, remote.Port, localPort);

    private bool IsListening(ushort port)
    {
        for (int i = 0; i < _listeningCount; i++)
            if (_listening[i] == port)
                return true;
        return false;
    }

    /// <inheritdoc />
    public bool TryTakeChallengeAck(long now)
    {
        long second = now / 1_000_000_000;
        if (second != _challengeSecond)
        {
            _challengeSecond = second;
            _challengeCount = 0;
        }
        if (_challengeCount >= _tcp.ChallengeAckLimit)
            return false;
        _challengeCount++;
        return true;
    }

    public void Dispose()
    {
        Flush();
        foreach (TcpConnection c in _connections)
            c.Dispose();
    }
}
