using TickToTrade.Bench.Measure;
using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Native;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>The operations <see cref="PortSuite"/> times, one struct each so nothing is a delegate.</summary>
internal static unsafe class PortOps
{
    public struct ReadTsc : OpTimer.IOp
    {
        public ulong Sink;
        public void Invoke() => Sink += Tsc.Now;
    }

    /// <summary>rte_eth_rx_burst through the shim, nothing else.</summary>
    public struct RxBurstRaw : OpTimer.IOp
    {
        public ushort Port;
        public nint* Mbufs;
        public long Received;
        public void Invoke() => Received += NativeMethods.ttt_rx_burst(Port, 0, Mbufs, 32);
    }

    /// <summary>DpdkPort.Receive: the shim's burst call plus frame descriptors and counters.</summary>
    public struct ReceiveOnPort : OpTimer.IOp
    {
        public DpdkPort Port;
        public PacketBuffer* Frames;
        public long Received;
        public void Invoke() => Received += Port.Receive(new Span<PacketBuffer>(Frames, 32));
    }

    /// <summary>Take one mbuf and give it back: the part of a TX that is not tx_burst.</summary>
    public struct AllocateAndFree : OpTimer.IOp
    {
        public DpdkPort Port;
        public PacketBuffer* Frame;
        public void Invoke()
        {
            var one = new Span<PacketBuffer>(Frame, 1);
            if (Port.Allocate(one) == 1)
                Port.Free(one);
        }
    }

    /// <summary>Take one mbuf, write a 64-byte frame, tx_burst it (net_null frees it, as a NIC's completion would).</summary>
    public struct AllocateAndTransmit : OpTimer.IOp
    {
        public DpdkPort Port;
        public PacketBuffer* Frame;
        public void Invoke()
        {
            var one = new Span<PacketBuffer>(Frame, 1);
            if (Port.Allocate(one) != 1)
                return;
            Frame->TryAppend(64, out Span<byte> body);
            body[0] = 1;
            PacketPortExtensions.TransmitOrDrop(ref Port, one);
        }
    }
}
