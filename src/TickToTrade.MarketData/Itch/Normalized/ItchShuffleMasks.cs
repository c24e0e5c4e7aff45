using TickToTrade.PacketIO.Native;

namespace TickToTrade.MarketData.Itch.Normalized;

/// <summary>
/// The byte-shuffle masks built from <see cref="ItchFieldMap"/>, in cache-line
/// aligned native memory. For class c, event half h (32 bytes) and message
/// chunk k (16 bytes) there is one 32-byte mask: byte j holds the index within
/// chunk k of the message byte that event byte 32h+j takes, or 0x80 (zero) if
/// it takes none from that chunk. PSHUFB semantics, so the event is the OR of
/// the three shuffles. Big-endian fields come out host-order because each
/// field's bytes are listed in reverse.
/// </summary>
internal sealed unsafe class ItchShuffleMasks : IDisposable
{
    internal const int Halves = ItchEvent.Size / 32;
    internal const int Chunks = ItchFieldMap.Window / 16;
    internal const int BytesPerClass = Halves * Chunks * 32;

    private byte* _masks;

    internal ItchShuffleMasks()
    {
        _masks = AlignedNative.Alloc<byte>(ItchFieldMap.Classes * BytesPerClass);
        new Span<byte>(_masks, ItchFieldMap.Classes * BytesPerClass).Fill(0x80);
        for (int cls = 0; cls < ItchFieldMap.Classes; cls++)
        {
            foreach (ItchFieldMap.Field f in ItchFieldMap.FieldsOf(cls))
            {
                for (int i = 0; i < f.Width; i++)
                {
                    int target = f.EventOffset + i;              // little-endian: least significant byte first
                    int source = f.MessageOffset + f.Width - 1 - i; // which is the last byte on the wire
                    int half = target / 32, chunk = source / 16;
                    Mask(cls, half, chunk)[target % 32] = (byte)(source % 16);
                }
            }
        }
    }

    /// <summary>The 32-byte mask for class, event half and message chunk.</summary>
    internal byte* Mask(int cls, int half, int chunk) => _masks + cls * BytesPerClass + (half * Chunks + chunk) * 32;

    public void Dispose()
    {
        AlignedNative.Free(_masks);
        _masks = null;
    }
}
