using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// What a random access costs as the pages it spreads over grow: a pointer chase (each
/// load's address is the previous load's value) through one cache line in each 4 KB
/// page, the pages in a random cyclic order and the line at a pseudo-random place in its
/// page (so the lines spread over every cache set). Three layouts of the same number of
/// lines, interleaved run by run: spread over a <see cref="NativeArena"/> (2 MB pages
/// where the machine has them); spread over ordinary 4 KB pages (`NativeMemory.AlignedAlloc`
/// with `MADV_NOHUGEPAGE`); and packed, 64 lines to a 4 KB page, as the control: the same
/// lines and so the same caching, on 64 times fewer pages. Spread minus packed is what
/// the pages cost, the TLB's share. Where 2 MB pages are 2 MB TLB entries, the arena's
/// row stays near the packed one. The book bench's order store spans 4096 pages.
/// </summary>
public static unsafe partial class PagesSuite
{
    public sealed record Result(int Pages, ArenaPages ArenaKind, double ArenaNanoseconds, double OrdinaryNanoseconds, double PackedNanoseconds)
    {
        public override string ToString() =>
            $"{Pages,6} lines: spread over {Pages} pages ({Pages * 4 / 1024.0,5:F1} MB) on the {ArenaKind} arena {ArenaNanoseconds,6:F2} ns/load, " +
            $"on 4 KB pages {OrdinaryNanoseconds,6:F2}; packed 64 a page {PackedNanoseconds,6:F2}";
    }

    private const int PageBytes = 4096, LineBytes = 64, LinesPerPage = PageBytes / LineBytes;
    private const int MadvNoHugepage = 15; // <sys/mman.h> MADV_NOHUGEPAGE

    private static byte* s_end;

    [LibraryImport("libc.so.6", EntryPoint = "madvise", SetLastError = true)]
    private static partial int Madvise(void* address, nuint length, int advice);

    public static IReadOnlyList<Result> Run(int runs, params int[] pageCounts)
    {
        var results = new List<Result>();
        foreach (int pages in pageCounts)
        {
            long bytes = (long)pages * PageBytes;
            using var arena = new NativeArena(bytes, "the page chase");
            void* ordinary = NativeMemory.AlignedAlloc((nuint)bytes, PageBytes);
            void* packed = NativeMemory.AlignedAlloc((nuint)pages * LineBytes, PageBytes);
            try
            {
                if (Madvise(ordinary, (nuint)bytes, MadvNoHugepage) != 0)
                    throw new InvalidOperationException($"madvise(MADV_NOHUGEPAGE) failed: errno {Marshal.GetLastPInvokeError()}");
                byte* a = Link((byte*)arena.Pointer, pages, &Spread), o = Link((byte*)ordinary, pages, &Spread), k = Link((byte*)packed, pages, &Packed);
                double[] onArena = new double[runs], onOrdinary = new double[runs], onPacked = new double[runs];
                for (int r = 0; r < runs; r++)
                {
                    onArena[r] = Chase(a, pages);
                    onOrdinary[r] = Chase(o, pages);
                    onPacked[r] = Chase(k, pages);
                }
                results.Add(new Result(pages, arena.Pages, Measure.Stats.Median(onArena), Measure.Stats.Median(onOrdinary), Measure.Stats.Median(onPacked)));
            }
            finally
            {
                NativeMemory.AlignedFree(ordinary);
                NativeMemory.AlignedFree(packed);
            }
        }
        return results;
    }

    /// <summary>Line <paramref name="i"/> in its own page, at a place a multiplicative hash of <paramref name="i"/> picks.</summary>
    private static byte* Spread(byte* memory, int i) => memory + (long)i * PageBytes + ((uint)i * 2654435761u >> 7) % LinesPerPage * LineBytes;

    /// <summary>Line <paramref name="i"/> of lines packed side by side.</summary>
    private static byte* Packed(byte* memory, int i) => memory + (long)i * LineBytes;

    /// <summary>Links the lines into a single random cycle (Fisher-Yates, fixed seed); returns its start.</summary>
    private static byte* Link(byte* memory, int lines, delegate*<byte*, int, byte*> line)
    {
        var order = new int[lines];
        for (int i = 0; i < lines; i++)
            order[i] = i;
        var rng = new Random(7);
        for (int i = lines - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (int i = 0; i < lines; i++)
            *(byte**)line(memory, order[i]) = line(memory, order[(i + 1) % lines]);
        return line(memory, order[0]);
    }

    /// <summary>Nanoseconds a load, over enough loads to go round the cycle several times (after one untimed lap).</summary>
    private static double Chase(byte* start, int lines)
    {
        byte* p = start;
        for (int i = 0; i < lines; i++)
            p = *(byte**)p;
        long loads = Math.Max(4_000_000L, 8L * lines);
        ulong t0 = Tsc.Now;
        for (long i = 0; i < loads; i++)
            p = *(byte**)p;
        double ns = Tsc.ToNanoseconds(Tsc.Now - t0) / loads;
        s_end = p; // keeps the chase
        return ns;
    }
}
