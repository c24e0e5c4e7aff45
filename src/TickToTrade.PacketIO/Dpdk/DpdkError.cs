using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Dpdk;

/// <summary>Turns the shim's negative errno into DPDK's own message (rte_strerror).</summary>
public static unsafe class DpdkError
{
    /// <summary>DPDK's text for <paramref name="rc"/>, e.g. "Cannot allocate memory".</summary>
    public static string Describe(int rc) => NativeMethods.FromUtf8(NativeMethods.ttt_strerror(rc)) ?? $"error {rc}";

    /// <summary>Returns <paramref name="rc"/> when it is not negative; otherwise throws "what: message (rc)".</summary>
    public static int Check(int rc, string what) =>
        rc >= 0 ? rc : throw new DpdkException($"{what}: {Describe(rc)} (errno {-rc})", rc);
}
