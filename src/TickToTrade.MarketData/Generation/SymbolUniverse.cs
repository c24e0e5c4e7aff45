using TickToTrade.PacketIO.Randomness;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.MarketData.Generation;

/// <summary>
/// The generated day's securities: a name, a mid price, and an activity weight
/// that follows a power law (Zipf, exponent 1.1), so a few names carry most of
/// the flow as on a real day.
/// </summary>
public sealed class SymbolUniverse
{
    private const double ZipfExponent = 1.1;
    private readonly double[] _cumulative;

    public Symbol[] Names { get; }
    /// <summary>Mid price of each symbol in ITCH Price (4) units, a whole number of cents.</summary>
    public uint[] Mids { get; }

    public SymbolUniverse(int count, ref Xoshiro256 rng)
    {
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

    /// <summary>A symbol index drawn by activity weight.</summary>
    public int Draw(ref Xoshiro256 rng)
    {
        int i = Array.BinarySearch(_cumulative, rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
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
