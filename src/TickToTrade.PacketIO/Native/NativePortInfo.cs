using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Native;

/// <summary>Mirror of <c>ttt_port_info</c> in native/ttt_native.h, field for field.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativePortInfo
{
    public const int NameLength = 64;
    public fixed byte Driver[NameLength];
    public fixed byte Name[NameLength];
    public fixed byte Mac[6];
    public ushort PortId;
    public int SocketId;
    public ushort MaxRxQueues;
    public ushort MaxTxQueues;
    public ushort RxDescMax;
    public ushort TxDescMax;
    public uint MaxRxPacketLength;
    public uint MinMtu;
    public uint MaxMtu;
    public uint IfIndex;
    public ulong RxOffloadCapabilities;
    public ulong TxOffloadCapabilities;
}
