using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// A shared-memory ring pair (native/ttt_shm.c): a frame is copied into the peer's next
/// slot and published with one release store; receive copies out what the peer
/// published. No system call on the path.
/// </summary>
public readonly unsafe struct ShmRing : ILocalLink
{
    public static ushort Receive(nint handle, PacketBuffer* frames, ushort n, long* oversize) =>
        NativeMethods.ttt_shm_recv(handle, frames, n, oversize);

    public static ushort Send(nint handle, PacketBuffer* frames, ushort n) =>
        NativeMethods.ttt_shm_send(handle, frames, n);
}
