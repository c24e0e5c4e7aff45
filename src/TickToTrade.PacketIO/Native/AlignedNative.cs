using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Native;

/// <summary>Zeroed, cache line-aligned native allocations for start-up; never used on the hot path.</summary>
public static unsafe class AlignedNative
{
    /// <summary>Cache line size of the x86-64 targets we build for.</summary>
    public const int CacheLine = 64;

    /// <summary>Allocates <paramref name="count"/> zeroed <typeparamref name="T"/> on a cache-line boundary.</summary>
    public static T* Alloc<T>(nuint count) where T : unmanaged
    {
        nuint bytes = checked(count * (nuint)sizeof(T));
        void* p = NativeMemory.AlignedAlloc(bytes == 0 ? 1 : bytes, CacheLine);
        NativeMemory.Clear(p, bytes);
        return (T*)p;
    }

    /// <summary>Frees memory from <see cref="Alloc{T}"/>; null is ignored.</summary>
    public static void Free(void* p)
    {
        if (p != null)
            NativeMemory.AlignedFree(p);
    }
}
