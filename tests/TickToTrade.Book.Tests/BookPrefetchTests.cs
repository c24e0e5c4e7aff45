using CsCheck;

namespace TickToTrade.Book.Tests;

/// <summary>The prefetch hint reads hostile bytes of any length without throwing, and changes nothing.</summary>
public sealed class BookPrefetchTests
{
    /// <summary>
    /// Messages of 0..40 bytes whose locate (offset 1..2) is mostly within 0..6, so
    /// most reach the fetches (the book has 4 symbols); the rest of the bytes,
    /// the reference among them, are random.
    /// </summary>
    private static readonly Gen<byte[]> GenMessage = Gen.Select(Gen.Byte.Array[0, 40], Gen.Int[0, 9], (bytes, locate) =>
    {
        if (bytes.Length >= 3 && locate <= 6)
        {
            bytes[1] = 0;
            bytes[2] = (byte)locate;
        }
        return bytes;
    });

    [Fact]
    public void AnyBytes_AnyLength_NeitherThrowNorChangeTheBook()
    {
        using var book = new OrderBook(new BookOptions { MaxOrders = 64, MaxSymbols = 4, Levels = 1024 });
        book.ApplyAdd(2, 0, 7, (byte)'B', 100, 1_000_000);
        BookCounters before = book.Counters;
        TopOfBook top = book.Top(2);
        var fixedCases = new List<byte[]>();
        foreach (int length in new[] { 18, 19, 36 })
        {
            foreach (ushort locate in new ushort[] { 0, 4, 5, 65535 })
            {
                foreach (ulong reference in new[] { 0UL, 7UL, ulong.MaxValue })
                {
                    var m = new byte[length];
                    m[0] = (byte)'D';
                    m[1] = (byte)(locate >> 8);
                    m[2] = (byte)locate;
                    if (length >= 19)
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(m.AsSpan(11), reference);
                    fixedCases.Add(m);
                }
            }
        }
        foreach (byte[] m in fixedCases)
            book.Prefetch(m);
        GenMessage.Sample(m => book.Prefetch(m), iter: 20_000, threads: 1);
        Assert.Equal(1, book.Orders.Count);
        Assert.Equal(top, book.Top(2));
        Assert.Equal(before, book.Counters);
    }
}
