using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.MarketData.Itch.Normalized;

/// <summary>
/// Turns one ITCH message into an <see cref="ItchEvent"/> without a branch per
/// type: the type byte picks a set of shuffle masks (a data dependency the CPU
/// does not have to predict), and six AVX2 byte shuffles gather and byte-swap
/// every field at once. The length is checked against the spec table first,
/// exactly as <see cref="ItchDispatcher"/> checks it; a refused message leaves
/// the event untouched and is returned, never thrown.
/// Build one at start-up and keep it: it owns 2 KB of native masks and a scratch
/// line, so it belongs to one thread (the poll loop's).
/// </summary>
public sealed unsafe class ItchNormalizer : IDisposable
{
    private readonly ItchShuffleMasks _masks = new();
    private readonly byte* _maskBase;
    private ushort* _typeInfo;  // type byte -> spec length (low byte) | class * BytesPerClass / 64 (high byte)
    private byte* _scratch;     // 64 bytes: a message near the end of its buffer is copied here

    public ItchNormalizer()
    {
        _maskBase = _masks.Mask(0, 0, 0);
        _typeInfo = AlignedNative.Alloc<ushort>(256);
        _scratch = AlignedNative.Alloc<byte>(64);
        for (int t = 0; t < 256; t++)
            _typeInfo[t] = (ushort)(ItchMessageLengths.Of((byte)t) | ItchFieldMap.ClassOf((byte)t) * (ItchShuffleMasks.BytesPerClass / 64) << 8);
    }

    /// <summary>
    /// Normalizes the message of <paramref name="length"/> bytes at the start of
    /// <paramref name="window"/>. The window may run on past the message (into the
    /// rest of the packet or file): with 48 or more bytes in it the shuffle reads
    /// in place, otherwise the message is first copied to a scratch line. Bytes past the
    /// message never reach the event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ItchStatus Normalize(ReadOnlySpan<byte> window, int length, ref ItchEvent e)
    {
        if (length <= 0)
            return ItchStatus.Empty;
        if ((uint)length > (uint)window.Length)
            return ItchStatus.WrongLength;
        uint info = _typeInfo[window[0]];
        int expected = (byte)info; // the spec's length: ItchMessageLengths, one load with the class
        if (expected == 0)
            return ItchStatus.UnknownType;
        if (length != expected)
            return ItchStatus.WrongLength;
        byte* masks = _maskBase + (info >> 8) * 64;
        fixed (byte* w = window)
        {
            byte* p = w;
            if (window.Length < ItchFieldMap.Window)
            {
                // Too close to the end of the buffer to load 48 bytes: copy the message to
                // the scratch line first. A plain loop, not a call, so the caller's loop
                // keeps its registers.
                int n = Math.Min(length, ItchFieldMap.Window);
                for (int i = 0; i < n; i++)
                    _scratch[i] = w[i];
                p = _scratch;
            }
            if (Avx2.IsSupported)
                Shuffle(p, masks, ref e);
            else
                ShuffleScalar(p, masks, ref e);
        }
        return ItchStatus.Ok;
    }

    /// <summary>Each 16-byte chunk broadcast to both lanes, shuffled once per event half, ORed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Shuffle(byte* message, byte* masks, ref ItchEvent e)
    {
        Vector256<byte> c0 = Avx2.BroadcastVector128ToVector256(message);
        Vector256<byte> c1 = Avx2.BroadcastVector128ToVector256(message + 16);
        Vector256<byte> c2 = Avx2.BroadcastVector128ToVector256(message + 32);
        Vector256<byte> lo = Avx2.Shuffle(c0, Avx.LoadAlignedVector256(masks))
                           | Avx2.Shuffle(c1, Avx.LoadAlignedVector256(masks + 32))
                           | Avx2.Shuffle(c2, Avx.LoadAlignedVector256(masks + 64));
        Vector256<byte> hi = Avx2.Shuffle(c0, Avx.LoadAlignedVector256(masks + 96))
                           | Avx2.Shuffle(c1, Avx.LoadAlignedVector256(masks + 128))
                           | Avx2.Shuffle(c2, Avx.LoadAlignedVector256(masks + 160));
        ref byte target = ref Unsafe.As<ItchEvent, byte>(ref e);
        lo.StoreUnsafe(ref target);
        hi.StoreUnsafe(ref target, 32);
    }

    /// <summary>The same masks applied a byte at a time: hosts without AVX2, and the tests' cross-check.</summary>
    internal static void ShuffleScalar(byte* message, byte* masks, ref ItchEvent e)
    {
        Span<byte> target = MemoryMarshalBytes(ref e);
        target.Clear();
        for (int half = 0; half < ItchShuffleMasks.Halves; half++)
            for (int chunk = 0; chunk < ItchShuffleMasks.Chunks; chunk++)
            {
                byte* m = masks + (half * ItchShuffleMasks.Chunks + chunk) * 32;
                for (int j = 0; j < 32; j++)
                    if (m[j] < 0x80)
                        target[half * 32 + j] = message[chunk * 16 + m[j]];
            }
    }

    /// <summary>Normalizes through <see cref="ShuffleScalar"/> whatever the host supports (tests).</summary>
    internal ItchStatus NormalizeScalar(ReadOnlySpan<byte> message, ref ItchEvent e)
    {
        var ignored = default(ItchEvent);
        ItchStatus status = Normalize(message, message.Length, ref ignored);
        if (status != ItchStatus.Ok)
            return status;
        byte* copy = stackalloc byte[ItchFieldMap.Window];
        new Span<byte>(copy, ItchFieldMap.Window).Clear();
        message[..Math.Min(message.Length, ItchFieldMap.Window)].CopyTo(new Span<byte>(copy, ItchFieldMap.Window));
        ShuffleScalar(copy, _maskBase + (_typeInfo[message[0]] >> 8) * 64, ref e);
        return ItchStatus.Ok;
    }

    private static Span<byte> MemoryMarshalBytes(ref ItchEvent e) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(new Span<ItchEvent>(ref e));

    public void Dispose()
    {
        _masks.Dispose();
        AlignedNative.Free(_typeInfo);
        AlignedNative.Free(_scratch);
        _typeInfo = null;
        _scratch = null;
    }
}
