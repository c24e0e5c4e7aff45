namespace TickToTrade.PacketIO.Local;

/// <summary>
/// The device half of a <see cref="LocalPort{TLink}"/>: one shim call that fills armed
/// buffers with received frames, and one that copies frames out. Static, so the port's
/// generic code calls it directly (no interface dispatch on the hot path).
/// </summary>
public unsafe interface ILocalLink
{
    /// <summary>Fills up to <paramref name="n"/> armed buffers; frames too large for one are counted in <paramref name="oversize"/> and dropped.</summary>
    static abstract ushort Receive(nint handle, PacketBuffer* frames, ushort n, long* oversize);

    /// <summary>Copies up to <paramref name="n"/> frames out; returns how many the device took.</summary>
    static abstract ushort Send(nint handle, PacketBuffer* frames, ushort n);
}
