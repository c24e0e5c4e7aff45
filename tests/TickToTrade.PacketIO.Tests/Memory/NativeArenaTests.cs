using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Tests.Memory;

public sealed unsafe partial class NativeArenaTests
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial int mincore(void* address, nuint length, byte* residency);

    [Fact]
    public void EveryPage_IsResidentAndZero_BeforeAnyTouch()
    {
        const long bytes = 24L << 20;
        using var arena = new NativeArena(bytes, "a test table");
        int pages = (int)(bytes / Environment.SystemPageSize);
        byte[] residency = new byte[pages];
        fixed (byte* r = residency)
            Assert.Equal(0, mincore(arena.Pointer, (nuint)bytes, r)); // asked before the test reads or writes any byte
        int resident = 0;
        foreach (byte page in residency)
            resident += page & 1;
        Assert.Equal(pages, resident); // every page is in memory: the hot path takes no page fault on first touch
        Assert.True(new ReadOnlySpan<byte>(arena.Pointer, (int)bytes).IndexOfAnyExcept((byte)0) < 0);
    }
}
