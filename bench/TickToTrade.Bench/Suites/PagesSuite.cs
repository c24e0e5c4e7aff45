using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Bench.Suites;

/// <summary>
/// What a random access costs as the number of pages it spreads over grows: a pointer
/// chase (each load's address is the previous load's value) through one cache line in
/// each 4 KB page, the pages in a random cyclic order and the line at a pseudo-random
/// place in its page (so the lines spread over every cache set). Only 64 bytes of each
/// 4 KB are touched, so the data stays small and what grows is the number of pages,
/// which is what the TLB covers. Run on a <see cref="NativeArena"/> (2 MB pages where
/// the machine has them) and on ordinary 4 KB pages (`NativeMemory.AlignedAlloc`, with
/// transparent hugepages on "madvise"), interleaved: where 2 MB pages really give 2 MB
/// TLB entries, the arena's large counts cost next to nothing more than its small ones.
/// This tells how to read the book bench on a given machine: its order store spreads
/// over 4096 pages of 4 KB.
/// </summary>
public static unsafe class PagesSuite
{
    public sealed record Result(int Pages, double ArenaNanoseconds, double OrdinaryNanoseconds, ArenaPages ArenaKind)
    {
        public override string ToString() =>
            $"chase over {Pages,6} pages ({Pages * 4 / 1024.0,5:F1} MB)   {ArenaKind} arena {ArenaNanoseconds,6:F2} ns/load   4 KB pages {OrdinaryNanoseconds,6:F2} ns/load";
    }

    private const int PageBytes = 4096, LineBytes = 64;

    private static byte* s_end;

    public static IReadOnlyList<Result> Run(int runs, params int[] pageCounts)
    {
        var results = new List<Result>();
        foreach (int pages in pageCounts)
        {
            long bytes = (long)pages * PageBytes;
            using var arena = new NativeArena(bytes, "the page chase");
            void* ordinary = NativeMemory.AlignedAlloc((nuint)bytes, PageBytes);
            try
            {
                byte* a = Link((byte*)arena.Pointer, pages), o = Link((byte*)ordinary, pages);
                var onArena = new double[runs];
                var onOrdinary = new double[runs];
                for (int r = 0; r < runs; r++)
                {
                    onArena[r] = Chase(a, pages);
                    onOrdinary[r] = Chase(o, pages);
                }
                results.Add(new Result(pages, Measure.Stats.Median(onArena), Measure.Stats.Median(onOrdinary), arena.Pages));
            }
            finally
            {
                NativeMemory.AlignedFree(ordinary);
            }
        }
        return results;
    }

    /// <summary>The line of <paramref name="page"/> the chase visits: a multiplicative hash of the page picks one of its 64 lines.</summary>
    private static byte* Line(byte* memory, int page) => memory + (long)page * PageBytes + ((uint)page * 2654435761u >> 7) % (PageBytes / LineBytes) * LineBytes;

    /// <summary>Links one line per page into a single random cycle (Fisher-Yates over the page order, fixed seed); returns its start.</summary>
    private static byte* Link(byte* memory, int pages)
    {
        var order = new int[pages];
        for (int i = 0; i < pages; i++)
            order[i] = i;
        var rng = new Random(7);
        for (int i = pages - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (int i = 0; i < pages; i++)
            *(byte**)Line(memory, order[i]) = Line(memory, order[(i + 1) % pages]);
        return Line(memory, order[0]);
    }

    /// <summary>Nanoseconds a load, over enough loads to go round the cycle several times (after one untimed lap).</summary>
    private static double Chase(byte* start, int pages)
    {
        byte* p = start;
        for (int i = 0; i < pages; i++)
            p = *(byte**)p;
        long loads = Math.Max(4_000_000L, 8L * pages);
        ulong t0 = Tsc.Now;
        for (long i = 0; i < loads; i++)
            p = *(byte**)p;
        double ns = Tsc.ToNanoseconds(Tsc.Now - t0) / loads;
        s_end = p; // keeps the chase
        return ns;
    }
}
