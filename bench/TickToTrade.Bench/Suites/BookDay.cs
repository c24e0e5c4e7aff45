using TickToTrade.MarketData.Generation;

namespace TickToTrade.Bench.Suites;

/// <summary>One generated day of the book bench: a `ttt gen` profile and reference numbering.</summary>
public sealed record BookDay(GeneratorProfile Profile, ReferenceNumbering References)
{
    public string Name => $"{Profile.ToString().ToLowerInvariant()}/{References.ToString().ToLowerInvariant()}";

    /// <summary>
    /// The day's file in <paramref name="directory"/>, generated once and cached by its options;
    /// the default/nasdaq day is the parse suite's. Locates are spread up to 65,535 when the
    /// references are random, so that day exercises both ends of both ranges.
    /// </summary>
    public string Ensure(string directory, int symbols, long messages, ulong seed, TextWriter log)
    {
        if (Profile == GeneratorProfile.Default && References == ReferenceNumbering.Nasdaq)
        {
            ParseSuite.Ensure(directory, symbols, messages, seed, log, out _, out string itch);
            return itch;
        }
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"gen-{Profile.ToString().ToLowerInvariant()}-{References.ToString().ToLowerInvariant()}-{symbols}s-{messages}m-{seed}.itch");
        if (File.Exists(path))
            return path;
        log.WriteLine($"bench book: generating {path} ...");
        var options = new GeneratorOptions
        {
            Symbols = symbols, Messages = messages, Seed = seed, Profile = Profile, References = References,
            MaxLocate = References == ReferenceNumbering.Random64 ? 65_535 : null,
        };
        string partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var w = new DayFileWriter(stream))
            FeedGenerator.Run(options, w);
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
