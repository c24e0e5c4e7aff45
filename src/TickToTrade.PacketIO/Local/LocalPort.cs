using System.Runtime.CompilerServices;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// A port of our own over a device that copies frames (<see cref="TapFd"/>, owned by
/// <see cref="TapDevice"/>; <see cref="ShmRing"/>, owned by <see cref="ShmLink"/>): its
/// buffers come from our own pool, a burst of them armed for each receive, and a sent
/// frame's buffer goes straight back to the pool. A handle, copied freely; one shim call
/// per burst; never allocates or throws.
/// </summary>
public readonly unsafe struct LocalPort<TLink> : IPacketPort where TLink : struct, ILocalLink
{
    private readonly LocalPortState* _s;

    internal LocalPort(LocalPortState* state) => _s = state;

    /// <inheritdoc />
    public bool TcpChecksumOffload => false; // the device copies the frame: computing the checksum is ours

    /// <inheritdoc />
    public ref PortCounters Counters => ref _s->Counters;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Receive(Span<PacketBuffer> frames)
    {
        LocalPortState* s = _s;
        s->Counters.RxPolls++;
        int n = Math.Min(Math.Min(frames.Length, PortLimits.MaxBurst), s->Arm());
        int got = n == 0 ? 0 : TLink.Receive(s->Handle, s->Armed, (ushort)n, &s->Counters.RxOversize);
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
            sent = TLink.Send(_s->Handle, f, (ushort)n);
        _s->CountSent(frames[..n], sent);
        _s->Recycle(frames[..sent]); // the device copied them
        return sent;
    }

    /// <inheritdoc />
    public void Free(Span<PacketBuffer> frames) => _s->Free(frames);
}
