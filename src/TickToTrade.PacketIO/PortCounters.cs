using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO;

/// <summary>
/// Per-port counters. They live in native memory, one cache line-aligned block
/// per port, written by the poll loop only and read off the hot path.
/// Every frame a port drops is counted here under its reason.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 128)]
public struct PortCounters
{
    /// <summary>Calls to Receive.</summary>
    public long RxPolls;
    /// <summary>Calls to Receive that returned no frame.</summary>
    public long RxEmptyPolls;
    /// <summary>Frames handed to the caller.</summary>
    public long RxFrames;
    /// <summary>Bytes handed to the caller.</summary>
    public long RxBytes;
    /// <summary>Frames dropped on RX because they arrived chained (multi-segment) and cannot be lent as one span.</summary>
    public long RxDroppedChained;
    /// <summary>Frames the device took for transmission.</summary>
    public long TxFrames;
    /// <summary>Bytes the device took for transmission.</summary>
    public long TxBytes;
    /// <summary>Frames the device refused because its TX ring was full (returned to the caller).</summary>
    public long TxRingFull;
    /// <summary>Allocate calls that failed because the mempool was exhausted.</summary>
    public long AllocFailures;
    /// <summary>Frames freed without being transmitted after a TX-ring-full, by <see cref="PacketPortExtensions.TransmitOrDrop{TPort}"/>.</summary>
    public long TxDropped;
    /// <summary>Frames received that did not fit a buffer (tap and shared-memory ports): dropped.</summary>
    public long RxOversize;

    /// <summary>Snapshot as (name, value) pairs, for JSON and logs off the hot path.</summary>
    public readonly (string Name, long Value)[] ToPairs() =>
    [
        ("rx_polls", RxPolls), ("rx_empty_polls", RxEmptyPolls), ("rx_frames", RxFrames), ("rx_bytes", RxBytes),
        ("rx_dropped_chained", RxDroppedChained), ("tx_frames", TxFrames), ("tx_bytes", TxBytes),
        ("tx_ring_full", TxRingFull), ("tx_dropped", TxDropped), ("alloc_failures", AllocFailures),
        ("rx_oversize", RxOversize),
    ];
}
