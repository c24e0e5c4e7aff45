namespace TickToTrade.PacketIO.Dpdk;

/// <summary>A DPDK set-up call failed. Thrown only at start-up, never on the data path.</summary>
public sealed class DpdkException : Exception
{
    /// <summary>The negative errno the shim returned.</summary>
    public int ErrorCode { get; }

    public DpdkException(string message, int errorCode) : base(message) => ErrorCode = errorCode;
}
