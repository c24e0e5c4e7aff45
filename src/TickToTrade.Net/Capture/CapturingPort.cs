using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Capture;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Net.Capture;

/// <summary>
/// Records every frame that crosses the wrapped port, received or sent, to a
/// pcap file that Wireshark opens: the debugging view of any run. A null writer
/// makes it a pass-through. Writing goes through a buffered file: for
/// diagnostics (tcpcheck, tests), not the order path.
/// </summary>
public readonly struct CapturingPort<TInner> : IPacketPort where TInner : struct, IPacketPort
{
    private readonly CapturingPortState<TInner> _s;

    /// <param name="epochOffsetNanoseconds">Added to the clock to stamp records in wall-clock time.</param>
    public CapturingPort(TInner inner, PcapWriter? writer, IClock clock, long epochOffsetNanoseconds = 0) =>
        _s = new CapturingPortState<TInner>(inner, writer, clock, epochOffsetNanoseconds);

    public long Records => _s.Writer?.Records ?? 0;

    public int Receive(Span<PacketBuffer> frames)
    {
        int n = _s.Inner.Receive(frames);
        if (_s.Writer is not null)
            for (int i = 0; i < n; i++)
                _s.Record(frames[i]);
        return n;
    }

    public int Allocate(Span<PacketBuffer> frames) => _s.Inner.Allocate(frames);

    public int Transmit(Span<PacketBuffer> frames)
    {
        // Record before handing over: after a successful transmit the buffer is the device's.
        if (_s.Writer is not null)
            for (int i = 0; i < frames.Length; i++)
                _s.Record(frames[i]);
        return _s.Inner.Transmit(frames);
    }

    public void Free(Span<PacketBuffer> frames) => _s.Inner.Free(frames);

    public ref PortCounters Counters => ref _s.Inner.Counters;

    /// <summary>Off while recording: a captured frame must carry its real checksum.</summary>
    public bool TcpChecksumOffload => _s.Writer is null && _s.Inner.TcpChecksumOffload;
}

/// <summary>The shared state behind <see cref="CapturingPort{TInner}"/>.</summary>
internal sealed class CapturingPortState<TInner>(TInner inner, PcapWriter? writer, IClock clock, long epochOffset) where TInner : struct, IPacketPort
{
    public TInner Inner = inner;
    public readonly PcapWriter? Writer = writer;

    public void Record(PacketBuffer frame) => Writer!.Write(clock.NowNanoseconds + epochOffset, frame.Span);
}
