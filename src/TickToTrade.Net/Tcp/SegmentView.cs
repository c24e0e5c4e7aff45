using TickToTrade.Wire.Tcp;

namespace TickToTrade.Net.Tcp;

/// <summary>An arriving segment, parsed once by the stack: header fields, options, and the payload still in the RX frame.</summary>
public ref struct SegmentView
{
    public uint Seq;
    public uint Ack;
    public TcpFlags Flags;
    /// <summary>The raw window field (unscaled).</summary>
    public ushort Window;
    /// <summary>The window came on a SYN (a SYN,ACK whose SYN was already taken): RFC 7323 §2.2, never scaled.</summary>
    public bool WindowFromSyn;
    public TcpOptions Options;
    public ReadOnlySpan<byte> Payload;

    public readonly bool Syn => (Flags & TcpFlags.Syn) != 0;
    public readonly bool Fin => (Flags & TcpFlags.Fin) != 0;
    public readonly bool Rst => (Flags & TcpFlags.Rst) != 0;
    public readonly bool HasAck => (Flags & TcpFlags.Ack) != 0;
    /// <summary>RFC 9293 §3.4 SEG.LEN: data bytes plus one each for SYN and FIN.</summary>
    /// <summary>SEG.WND in bytes: the field shifted by the peer's scale, except on a SYN (RFC 7323 §2.2).</summary>
    public readonly long ScaledWindow(int shift) => WindowFromSyn ? Window : (long)Window << shift;
    public readonly uint Length => (uint)Payload.Length + (Syn ? 1u : 0u) + (Fin ? 1u : 0u);
}
