using System.Runtime.CompilerServices;

namespace TickToTrade.PacketIO;

/// <summary>Helpers every port gets, generic over the struct so they inline into the poll loop.</summary>
public static class PacketPortExtensions
{
    /// <summary>
    /// Transmits all frames; whatever the device refuses is freed and counted as
    /// <see cref="PortCounters.TxDropped"/>, so no buffer is ever leaked.
    /// Returns the number sent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TransmitOrDrop<TPort>(ref TPort port, Span<PacketBuffer> frames)
        where TPort : struct, IPacketPort
    {
        int sent = port.Transmit(frames);
        if (sent < frames.Length)
        {
            Span<PacketBuffer> rest = frames[sent..];
            port.Counters.TxDropped += rest.Length;
            port.Free(rest);
        }
        return sent;
    }
}
