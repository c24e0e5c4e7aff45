namespace TickToTrade.PacketIO.Native;

/// <summary>The pages behind a <see cref="NativeArena"/>.</summary>
public enum ArenaPages : byte
{
    Ordinary,
    /// <summary>Transparent hugepages requested with madvise (the kernel may still use 4 KB pages).</summary>
    TransparentHuge,
    /// <summary>Reserved 2 MB hugetlb pages.</summary>
    HugeTlb,
}
