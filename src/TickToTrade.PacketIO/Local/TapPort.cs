using System.Runtime.CompilerServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// A port over a Linux tap file descriptor (<see cref="TapDevice"/>): receive is one
/// non-blocking read() per frame until the queue is empty, transmit one write() per
/// frame. For test and bench links where DPDK's net_tap costs a signal per burst.
/// A handle, copied freely; one shim call per burst; never allocates or throws.
/// </summary>
public readonly unsafe struct TapPort : IPacketPort
{
    private readonly LocalPortState* _s;

    internal TapPort(LocalPortState* state) => _s = state;

    /// <inheritdoc />
    public bool TcpChecksumOffload => false; // we copy the frame: computing the checksum is ours

    /// <inheritdoc />
    public ref PortCounters Counters => ref _s->Counters;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(Span<PacketBuffer> frames)
    {
        LocalPortState* s = _s;
        s->Counters.RxPolls++;
        int n = Math.Min(Math.Min(frames.Length, PortLimits.MaxBurst), s->Arm());
        int got = n == 0 ? 0 : NativeMethods.ttt_tap_recv((int)s->Handle, s->Armed, (ushort)n, &s->Counters.RxOversize);
        if (got == 0)
        {
            s->Counters.RxEmptyPolls++;
            return 0;
        }
        s->Deliver(got, frames);
        return got;
    }

    /// <inheritdoc />
    public int Allocate(Span<PacketBuffer> frames) => _s->Allocate(frames);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Transmit(Span<PacketBuffer> frames)
    {
        int n = Math.Min(frames.Length, PortLimits.MaxBurst);
        if (n == 0)
            return 0;
        int sent;
        fixed (PacketBuffer* f = frames)
            sent = NativeMethods.ttt_tap_send((int)_s->Handle, f, (ushort)n);
        _s->CountSent(frames[..n], sent);
        _s->Recycle(frames[..sent]); // the kernel copied them
        return sent;
    }

    /// <inheritdoc />
    public void Free(Span<PacketBuffer> frames) => _s->Free(frames);
}
