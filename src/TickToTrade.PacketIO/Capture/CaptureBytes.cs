using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// The bytes of a capture file, memory-mapped (files of any size, no copy) or
/// pinned from an array (tests, benches). Readers slice records out of it.
/// </summary>
public sealed unsafe class CaptureBytes : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private GCHandle _pin;
    private byte* _data;

    public long Length { get; }

    private CaptureBytes(byte* data, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view, GCHandle pin)
    {
        _data = data;
        Length = length;
        _file = file;
        _view = view;
        _pin = pin;
    }

    /// <summary>Maps <paramref name="path"/> read-only. A missing or unreadable file is an IOException naming it.</summary>
    public static CaptureBytes Open(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"capture \"{path}\" does not exist", path);
        if (info.Length == 0)
            return FromArray([]);
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        return new CaptureBytes(p + view.PointerOffset, info.Length, file, view, default);
    }

    /// <summary>Pins <paramref name="bytes"/> for the life of this object.</summary>
    public static CaptureBytes FromArray(byte[] bytes)
    {
        GCHandle pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        return new CaptureBytes((byte*)pin.AddrOfPinnedObject(), bytes.Length, null, null, pin);
    }

    /// <summary>
    /// <paramref name="length"/> bytes at <paramref name="offset"/>. Readers check bounds
    /// before they ask; this check is the backstop, and its throw is kept out of line
    /// so the slice itself inlines into their loops.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Slice(long offset, int length)
    {
        if ((ulong)offset > (ulong)Length || (uint)length > (ulong)(Length - offset))
            ThrowOutside(offset, length);
        return new ReadOnlySpan<byte>(_data + offset, length);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ThrowOutside(long offset, int length) =>
        throw new ArgumentOutOfRangeException(nameof(offset), $"[{offset}, +{length}) is outside the {Length}-byte capture");

    public void Dispose()
    {
        if (_data == null)
            return;
        _data = null;
        if (_view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file!.Dispose();
        }
        if (_pin.IsAllocated)
            _pin.Free();
    }
}
