using TickToTrade.Wire;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// A byte ring in native memory, capacity a power of two. Bytes are addressed by
/// offset from the read position, so data can also be written ahead of the
/// contiguous part (out-of-order segments) and committed later.
/// One per direction per connection, allocated at start-up.
/// </summary>
public sealed unsafe class ByteRing : IDisposable
{
    private byte* _data;
    private readonly int _mask;
    private long _read;    // total bytes consumed
    private int _count;    // contiguous bytes readable from _read

    public ByteRing(int capacity)
    {
        if (capacity < 64 || (capacity & (capacity - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "ring capacity must be a power of two, at least 64");
        Capacity = capacity;
        _mask = capacity - 1;
        _data = AlignedNative.Alloc<byte>((nuint)capacity);
    }

    public int Capacity { get; }
    public int Count => _count;
    public int Free => Capacity - _count;

    /// <summary>Appends up to <c>source.Length</c> bytes at the end; returns how many fit.</summary>
    public int Write(ReadOnlySpan<byte> source)
    {
        int n = Math.Min(source.Length, Free);
        WriteAt(_count, source[..n]);
        _count += n;
        return n;
    }

    /// <summary>Writes bytes at <paramref name="offset"/> from the read position without committing them (out-of-order data).</summary>
    public void WriteAt(int offset, ReadOnlySpan<byte> source)
    {
        if ((uint)offset > (uint)Capacity || source.Length > Capacity - offset)
            throw new ArgumentOutOfRangeException(nameof(offset));
        int start = (int)((_read + offset) & _mask);
        int first = Math.Min(source.Length, Capacity - start);
        source[..first].CopyTo(new Span<byte>(_data + start, first));
        source[first..].CopyTo(new Span<byte>(_data, source.Length - first));
    }

    /// <summary>Makes <paramref name="n"/> bytes written with <see cref="WriteAt"/> just past the readable part readable.</summary>
    public void Commit(int n)
    {
        if ((uint)n > (uint)Free)
            throw new ArgumentOutOfRangeException(nameof(n));
        _count += n;
    }

    /// <summary>Copies readable bytes starting <paramref name="offset"/> bytes in, without consuming them.</summary>
    public int Peek(int offset, Span<byte> target)
    {
        if ((uint)offset > (uint)_count)
            return 0;
        int n = Math.Min(target.Length, _count - offset);
        int start = (int)((_read + offset) & _mask);
        int first = Math.Min(n, Capacity - start);
        new ReadOnlySpan<byte>(_data + start, first).CopyTo(target);
        new ReadOnlySpan<byte>(_data, n - first).CopyTo(target[first..]);
        return n;
    }

    /// <summary>
    /// As <see cref="Peek"/>, and sums the bytes for the Internet checksum in the same pass
    /// (<paramref name="sum"/>: as if the copied bytes began on a word boundary).
    /// </summary>
    public int PeekAndSum(int offset, Span<byte> target, out ulong sum)
    {
        sum = 0;
        if ((uint)offset > (uint)_count)
            return 0;
        int n = Math.Min(target.Length, _count - offset);
        int start = (int)((_read + offset) & _mask);
        int first = Math.Min(n, Capacity - start);
        sum = InternetChecksum.CopyAndAdd(0, new ReadOnlySpan<byte>(_data + start, first), target);
        if (n > first)
        {
            ulong rest = InternetChecksum.CopyAndAdd(0, new ReadOnlySpan<byte>(_data, n - first), target[first..]);
            sum += (first & 1) == 0 ? rest : InternetChecksum.SwapBytes(rest); // the wrap fell mid-word
        }
        return n;
    }

    /// <summary>Copies and consumes up to <c>target.Length</c> bytes.</summary>
    public int Read(Span<byte> target)
    {
        int n = Peek(0, target);
        Consume(n);
        return n;
    }

    /// <summary>Drops <paramref name="n"/> readable bytes from the front.</summary>
    public void Consume(int n)
    {
        if ((uint)n > (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(n));
        _read += n;
        _count -= n;
    }

    public void Clear()
    {
        _read = 0;
        _count = 0;
    }

    public void Dispose()
    {
        AlignedNative.Free(_data);
        _data = null;
    }
}
