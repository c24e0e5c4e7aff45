using TickToTrade.PacketIO.Randomness;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Generation;

/// <summary>
/// The generated day's securities: a name, a stock locate, a mid price, and an
/// activity weight that follows a power law (Zipf, exponent 1.1), so a few names
/// carry most of the flow as on a real day. Index 0 is the most active name.
/// </summary>
public sealed class SymbolUniverse
{
    private const double ZipfExponent = 1.1;
    private const ulong LocateSalt = 0x4C4F_4341_5445_0001UL; // "LOCATE": the locates have their own generator
    private readonly double[] _cumulative;

    public Symbol[] Names { get; }
    /// <summary>Mid price of each symbol in ITCH Price (4) units, a whole number of cents.</summary>
    public uint[] Mids { get; }
    /// <summary>Stock locate of each symbol: distinct, in 1..maxLocate.</summary>
    public ushort[] Locates { get; }

    /// <summary>
    /// Draws the names' mids from <paramref name="rng"/>. The locates come from a generator of their own
    /// seeded by <paramref name="seed"/>, so <paramref name="maxLocate"/> changes the locates and nothing else.
    /// </summary>
    public SymbolUniverse(int count, int maxLocate, ulong seed, ref Xoshiro256 rng)
    {
        Locates = SpreadLocates(count, maxLocate, seed ^ LocateSalt);
        Names = new Symbol[count];
        Mids = new uint[count];
        _cumulative = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            Names[i] = Symbol.FromString(NameOf(i));
            double dollars = Math.Exp(Math.Log(2) + rng.NextDouble() * (Math.Log(400) - Math.Log(2))); // log-uniform $2..$400
            Mids[i] = (uint)Math.Round(dollars * 100) * 100;
            total += 1.0 / Math.Pow(i + 1, ZipfExponent);
            _cumulative[i] = total;
        }
        for (int i = 0; i < count; i++)
            _cumulative[i] /= total;
    }

    public int Count => Names.Length;

    /// <summary>Moves a symbol's mid up to at least <paramref name="floor"/>, giving its bids room to rest far below it.</summary>
    public void RaiseMid(int symbol, uint floor) => Mids[symbol] = Math.Max(Mids[symbol], floor);

    /// <summary>A symbol index drawn by activity weight.</summary>
    public int Draw(ref Xoshiro256 rng)
    {
        int i = Array.BinarySearch(_cumulative, rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
    }

    /// <summary>
    /// 1..count in order when the range is exactly the symbol count; otherwise distinct locates drawn from
    /// 1..maxLocate that always include maxLocate and 1, so a book meets both extremes, handed to the
    /// symbols in random order (the directory is not sorted by locate).
    /// </summary>
    private static ushort[] SpreadLocates(int count, int maxLocate, ulong seed)
    {
        var locates = new ushort[count];
        if (maxLocate == count)
        {
            for (int i = 0; i < count; i++)
                locates[i] = (ushort)(i + 1);
            return locates;
        }
        var rng = new Xoshiro256(seed);
        var pool = new ushort[maxLocate];
        for (int i = 0; i < maxLocate; i++)
            pool[i] = (ushort)(i + 1);
        (pool[0], pool[^1]) = (pool[^1], pool[0]); // maxLocate first, then 1
        if (count >= 2)
            (pool[1], pool[^1]) = (pool[^1], pool[1]);
        for (int i = Math.Min(count, 2); i < count; i++) // a partial Fisher-Yates shuffle draws the rest
        {
            int j = i + (int)rng.Next((uint)(maxLocate - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        for (int i = count - 1; i > 0; i--) // and a full one deals them out
        {
            int j = (int)rng.Next((uint)(i + 1));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        pool.AsSpan(0, count).CopyTo(locates);
        return locates;
    }

    /// <summary>Deterministic 1-5 letter names: A..Z, then AA.., then AAA.. (ASCII, space-padded to 8 on the wire).</summary>
    private static string NameOf(int index)
    {
        Span<char> s = stackalloc char[8];
        int n = 0;
        int i = index;
        do
        {
            s[n++] = (char)('A' + i % 26);
            i = i / 26 - 1;
        }
        while (i >= 0 && n < 8);
        s[..n].Reverse();
        return new string(s[..n]);
    }
}
