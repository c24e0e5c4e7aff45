using System.Runtime.InteropServices;
using System.Text;

namespace TickToTrade.PacketIO.Native;

/// <summary>A NUL-terminated UTF-8 copy of a string in native memory, for a C call; freed on Dispose. Cold paths only.</summary>
public readonly unsafe struct NativeUtf8 : IDisposable
{
    public NativeUtf8(string text) => Pointer = Allocate(text);

    public byte* Pointer { get; }

    /// <summary>A copy the caller owns (and frees with NativeMemory.Free), for C code that keeps the pointer.</summary>
    public static byte* Allocate(string text)
    {
        int n = Encoding.UTF8.GetByteCount(text);
        byte* p = (byte*)NativeMemory.Alloc((nuint)n + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(p, n));
        p[n] = 0;
        return p;
    }

    public void Dispose() => NativeMemory.Free(Pointer);
}
