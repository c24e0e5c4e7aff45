using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Native;

/// <summary>Mirror of <c>ttt_port_stats</c> in native/ttt_native.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativePortStats
{
    public ulong InPackets, OutPackets, InBytes, OutBytes, InMissed, InErrors, OutErrors, RxNoMbuf;
}
