using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Capture;

/// <summary>
/// The bytes of a capture file: memory-mapped (files of any size, no copy),
/// read into native memory on 2 MB pages (benches that stream a big day over and
/// over), or pinned from an array (tests). Readers slice records out of it.
/// </summary>
public sealed unsafe class CaptureBytes : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private readonly NativeArena? _arena;
    private GCHandle _pin;
    private byte* _data;

    public long Length { get; }

    private CaptureBytes(byte* data, long length, MemoryMappedFile? file, MemoryMappedViewAccessor? view, GCHandle pin, NativeArena? arena = null)
    {
        _arena = arena;
        _data = data;
        Length = length;
        _file = file;
        _view = view;
        _pin = pin;
    }

    /// <summary>Maps <paramref name="path"/> read-only. A missing or unreadable file is an IOException naming it.</summary>
    public static CaptureBytes Open(string path)
    {
        FileInfo info = Existing(path);
        if (info.Length == 0)
            return FromArray([]);
        MemoryMappedFile file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* p = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        return new CaptureBytes(p + view.PointerOffset, info.Length, file, view, default);
    }

    /// <summary>
    /// Reads <paramref name="path"/> whole into a <see cref="NativeArena"/> (2 MB pages where the machine gives them).
    /// A mapped file sits in the page cache on scattered 4 KB pages, where streaming a
    /// 1.5 GB day measured twice as slow (`ttt-bench book`: the floor pass over the
    /// 50M-message day took 21.6-28.1 ns a message mapped, 11.5-12.1 read in). On bare
    /// metal each 4 KB page costs a TLB miss; on the CI VMs 2 MB pages do not widen the
    /// TLB (`ttt-bench pages`), so there the gain comes from the copy itself.
    /// A missing file is a FileNotFoundException naming it.
    /// </summary>
    public static CaptureBytes Load(string path)
    {
        FileInfo info = Existing(path);
        if (info.Length == 0)
            return FromArray([]);
        var arena = new NativeArena(info.Length, $"the contents of {path}");
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read);
            byte* data = (byte*)arena.Pointer;
            long done = 0;
            while (done < info.Length)
            {
                int chunk = (int)Math.Min(1 << 30, info.Length - done);
                int read = RandomAccess.Read(file, new Span<byte>(data + done, chunk), done);
                if (read == 0)
                    throw new IOException($"capture \"{path}\" ended at byte {done} of the {info.Length} it had when opened");
                done += read;
            }
            return new CaptureBytes(data, info.Length, null, null, default, arena);
        }
        catch
        {
            arena.Dispose();
            throw;
        }
    }

    /// <summary>The file at <paramref name="path"/>; a missing one is a FileNotFoundException naming it.</summary>
    private static FileInfo Existing(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"capture \"{path}\" does not exist", path);
        return info;
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
        _arena?.Dispose();
    }
}
