using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// A Linux tap file descriptor (native/ttt_tap.c): receive is one non-blocking read()
/// per frame until the queue is empty, send one write() per frame; the kernel copies.
/// For test and bench links where DPDK's net_tap costs a signal per burst.
/// </summary>
public readonly unsafe struct TapFd : ILocalLink
{
    public static ushort Receive(nint handle, PacketBuffer* frames, ushort n, long* oversize) =>
        NativeMethods.ttt_tap_recv((int)handle, frames, n, oversize);

    public static ushort Send(nint handle, PacketBuffer* frames, ushort n) =>
        NativeMethods.ttt_tap_send((int)handle, frames, n);
}
