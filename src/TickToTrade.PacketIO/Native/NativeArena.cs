using TickToTrade.PacketIO.Dpdk;

namespace TickToTrade.PacketIO.Native;

/// <summary>
/// One zeroed block of native memory for a hot table (order store, price levels,
/// rings), allocated once at start-up on 2 MB pages: reserved hugetlb pages when
/// the machine has them, else transparent hugepages, else ordinary pages. Big
/// tables touched at random spend most of their time in TLB misses on 4 KB pages
/// (on the CI VMs the guest's 2 MB pages do not help: see `ttt-bench pages`).
/// Every page is faulted in before the constructor returns, so no first touch
/// on the hot path takes a page fault.
/// </summary>
public sealed unsafe class NativeArena : IDisposable
{
    private void* _memory;

    /// <summary>Allocates <paramref name="bytes"/>; a failure is an error that names the size.</summary>
    public NativeArena(long bytes, string purpose)
    {
        Bytes = bytes;
        int kind;
        _memory = NativeMethods.ttt_arena_alloc((ulong)bytes, &kind);
        if (_memory == null)
            throw new OutOfMemoryException($"cannot allocate {bytes / 1048576.0:F1} MiB for {purpose}: {DpdkError.Describe(kind)}");
        Pages = kind switch { 2 => ArenaPages.HugeTlb, 1 => ArenaPages.TransparentHuge, _ => ArenaPages.Ordinary };
    }

    public long Bytes { get; }

    /// <summary>What backs the arena.</summary>
    public ArenaPages Pages { get; }

    public void* Pointer => _memory;

    public void Dispose()
    {
        if (_memory != null)
        {
            NativeMethods.ttt_arena_free(_memory, (ulong)Bytes);
            _memory = null;
        }
    }
}
