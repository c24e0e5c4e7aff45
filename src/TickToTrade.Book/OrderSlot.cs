using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TickToTrade.Book;

/// <summary>
/// A resting order as the order store keeps it (there, by field: see <see cref="OrderStore"/>).
/// The reference, side and stock locate are packed into one 8-byte
/// tag (reference in the top 47 bits, side in bit 16, locate in the low 16), which
/// bounds references to below 2^47: NASDAQ numbers a day's orders from 1 and
/// reaches a few billion, about 2^32. A larger reference is refused and counted
/// (<see cref="BookCounters.ReferenceOutOfRange"/>), never truncated.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OrderSlot
{
    /// <summary>The largest reference a slot holds.</summary>
    public const ulong MaxReference = (1UL << 47) - 1;

    /// <summary>0 marks an empty slot (ITCH never uses reference 0 for a resting order).</summary>
    public ulong Tag;
    public uint Shares;
    public uint Price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MakeTag(ulong reference, ushort locate, Side side) => reference << 17 | (ulong)side << 16 | locate;

    public readonly ulong Reference
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Tag >> 17;
    }

    public readonly ushort Locate
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (ushort)Tag;
    }

    public readonly Side Side
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Side)((Tag >> 16) & 1);
    }
}
