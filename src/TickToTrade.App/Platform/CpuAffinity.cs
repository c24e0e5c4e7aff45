using System.Runtime.InteropServices;

namespace TickToTrade.App.Platform;

/// <summary>Pins the calling thread (only that one: the runtime's other threads keep their mask) to one CPU (sched_setaffinity), for the busy-polling peers of the bench.</summary>
public static unsafe partial class CpuAffinity
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int sched_setaffinity(int pid, nuint size, ulong* mask);

    /// <summary>Pins this thread to <paramref name="cpu"/>; throws ArgumentException naming the CPU when the kernel refuses.</summary>
    public static void Pin(int cpu)
    {
        if (cpu is < 0 or > 63)
            throw new ArgumentException($"--cpu {cpu} must be between 0 and 63");
        ulong mask = 1UL << cpu;
        if (sched_setaffinity(0, (nuint)sizeof(ulong), &mask) != 0)
            throw new ArgumentException($"cannot pin to CPU {cpu}: {Marshal.GetLastPInvokeErrorMessage()}");
    }
}
