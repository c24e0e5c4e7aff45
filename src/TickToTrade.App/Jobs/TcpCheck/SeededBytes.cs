using TickToTrade.PacketIO.Randomness;

namespace TickToTrade.App.Jobs.TcpCheck;

/// <summary>
/// The byte stream tcpcheck and the kernel peer send and verify: xoshiro256**
/// output, little-endian, from a seed. Both ends generate it independently, so
/// nothing but the seed crosses out of band.
/// </summary>
public sealed class SeededBytes
{
    private Xoshiro256 _random;
    private ulong _word;
    private int _left;

    public SeededBytes(ulong seed) => _random = new Xoshiro256(seed);

    /// <summary>Bytes produced so far.</summary>
    public long Position { get; private set; }

    public void Fill(Span<byte> target)
    {
        for (int i = 0; i < target.Length; i++)
        {
            if (_left == 0)
            {
                _word = _random.NextUInt64();
                _left = 8;
            }
            target[i] = (byte)_word;
            _word >>= 8;
            _left--;
        }
        Position += target.Length;
    }

    /// <summary>Checks <paramref name="received"/> against the next bytes of the stream; returns the index of the first difference, or -1.</summary>
    public int Verify(ReadOnlySpan<byte> received, Span<byte> scratch)
    {
        int done = 0;
        while (done < received.Length)
        {
            int n = Math.Min(scratch.Length, received.Length - done);
            Fill(scratch[..n]);
            int diff = scratch[..n].CommonPrefixLength(received.Slice(done, n));
            if (diff < n)
                return done + diff;
            done += n;
        }
        return -1;
    }
}
