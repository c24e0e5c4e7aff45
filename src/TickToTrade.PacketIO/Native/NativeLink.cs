using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Native;

/// <summary>Mirror of <c>ttt_link</c> in native/ttt_native.h.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeLink
{
    public uint SpeedMbps;
    public ushort Up;
    public ushort FullDuplex;
    public ushort Autoneg;
    public ushort Reserved;
}
