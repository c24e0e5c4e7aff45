using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// Keeps a reader that streams through a mapped capture ahead of memory latency.
/// The hardware prefetcher follows a stream only within a 4 KB page, and a mapped
/// file's pages are scattered, so without this the first lines of every page are
/// read at full memory latency. Measured with `ttt-bench book` (50M messages held
/// in memory, A/B in alternating runs), 1 KB ahead cut the book build by about 6%.
/// </summary>
public static unsafe class StreamPrefetch
{
    /// <summary>How far ahead of the reader's position the file is fetched.</summary>
    public const int Distance = 1024;

    /// <summary>
    /// Starts fetching the line <see cref="Distance"/> bytes past the start of
    /// <paramref name="at"/>. A hint only: a prefetch past the end of the mapping does
    /// not fault, and over a movable array the worst case is a wasted fetch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ahead(ReadOnlySpan<byte> at)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0((byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(at)) + Distance);
    }
}
