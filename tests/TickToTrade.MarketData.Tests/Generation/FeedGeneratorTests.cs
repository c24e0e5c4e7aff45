using System.Security.Cryptography;
using TickToTrade.MarketData.Generation;
using TickToTrade.MarketData.Tests.Support;
using TickToTrade.PacketIO.Randomness;

namespace TickToTrade.MarketData.Tests.Generation;

/// <summary>
/// `ttt gen`'s day: a valid book under every profile and reference numbering, references spread over 64 bits
/// and never reused, locates spread over 1..--max-locate, a realistic profile that builds a big, deep book, and
/// the default day's bytes unchanged.
/// </summary>
public sealed class FeedGeneratorTests
{
    private static readonly GeneratorOptions Small = new() { Symbols = 40, Messages = 150_000, Seed = 3 };

    private static (List<byte[]> Messages, GeneratorSummary Summary) Day(GeneratorOptions options)
    {
        var writer = new MemoryMessageWriter();
        GeneratorSummary summary = FeedGenerator.Run(options, writer);
        return (writer.Messages, summary);
    }

    [Theory]
    [InlineData(GeneratorProfile.Default, ReferenceNumbering.Nasdaq, null)]
    [InlineData(GeneratorProfile.Default, ReferenceNumbering.Random64, null)]
    [InlineData(GeneratorProfile.Realistic, ReferenceNumbering.Nasdaq, null)]
    [InlineData(GeneratorProfile.Realistic, ReferenceNumbering.Random64, null)]
    [InlineData(GeneratorProfile.Default, ReferenceNumbering.Random64, 65_535)]
    [InlineData(GeneratorProfile.Realistic, ReferenceNumbering.Random64, 41)]
    public void EveryDay_KeepsAValidBook_AndTheSummaryTellsTheTruth(GeneratorProfile profile, ReferenceNumbering refs, int? maxLocate)
    {
        (List<byte[]> messages, GeneratorSummary summary) = Day(Small with { Profile = profile, References = refs, MaxLocate = maxLocate });
        BookReplay replay = BookReplay.Run(messages); // fails on the first message a book could not apply exactly
        Assert.Equal(Small.Messages, messages.Count);
        Assert.Equal(replay.PeakLive, summary.PeakLiveOrders);
        Assert.Equal(replay.MaxSideLevels, summary.MaxSideLevels);
        Assert.Equal(replay.LiveAtEnd, summary.LiveOrdersAtEnd);
        Assert.Equal(Small.Symbols, replay.Directory.Count);
    }

    [Fact]
    public void Random64_References_AreDistinct_AndSpreadOverTheWholeRange()
    {
        BookReplay spread = BookReplay.Run(Day(Small with { References = ReferenceNumbering.Random64 }).Messages);
        BookReplay nasdaq = BookReplay.Run(Day(Small).Messages);
        List<ulong> refs = spread.References;
        Assert.Equal(refs.Count, refs.Distinct().Count());
        Assert.True(refs.Count > 50_000);
        Assert.Equal(256, refs.Select(r => r >> 56).Distinct().Count()); // every top byte: ~70,000 draws of 256 values
        Assert.InRange(refs.Count(r => r >= 1UL << 63) / (double)refs.Count, 0.48, 0.52);
        // NASDAQ's numbering stays small and increasing, so the spread above is the permutation's doing.
        Assert.All(nasdaq.References, r => Assert.True(r < 1UL << 32));
        Assert.Equal(nasdaq.References.Order(), nasdaq.References);
    }

    [Fact]
    public void Random64_RenamesTheReferences_AndChangesNothingElse()
    {
        List<byte[]> nasdaq = Day(Small).Messages;
        List<byte[]> spread = Day(Small with { References = ReferenceNumbering.Random64 }).Messages;
        Assert.Equal(nasdaq.Count, spread.Count);
        var renamed = new Dictionary<ulong, ulong>();
        for (int i = 0; i < nasdaq.Count; i++)
        {
            byte[] a = nasdaq[i], b = spread[i];
            Assert.Equal(a.Length, b.Length);
            foreach (int offset in ReferenceOffsets(a[0]))
            {
                ulong from = BigEndianU64(a, offset), to = BigEndianU64(b, offset);
                if (renamed.TryGetValue(from, out ulong earlier))
                    Assert.Equal(earlier, to); // the same order keeps its one new name
                else
                    renamed.Add(from, to);
                Array.Clear(a, offset, 8);
                Array.Clear(b, offset, 8);
            }
            Assert.Equal(a, b);
        }
        Assert.Equal(renamed.Count, renamed.Values.Distinct().Count());
        Assert.Contains(renamed, r => r.Key != r.Value);
    }

    [Fact]
    public void ReferencePermutation_IsABijection()
    {
        var p = new ReferencePermutation(seed: 7);
        var rng = new Xoshiro256(99);
        ulong[] edges = [0, 1, 2, (1UL << 63) - 1, 1UL << 63, ulong.MaxValue - 1, ulong.MaxValue];
        foreach (ulong x in edges.Concat(Enumerable.Range(0, 100_000).Select(_ => rng.NextUInt64())))
        {
            Assert.Equal(x, p.Invert(p.Apply(x)));
            Assert.Equal(x, p.Apply(p.Invert(x)));
        }
        Assert.NotEqual(p.Apply(1), new ReferencePermutation(seed: 8).Apply(1)); // keyed by the seed
    }

    [Theory]
    [InlineData(GeneratorProfile.Default, ReferenceNumbering.Random64, 65_535)]
    [InlineData(GeneratorProfile.Realistic, ReferenceNumbering.Random64, 1_000)]
    [InlineData(GeneratorProfile.Realistic, ReferenceNumbering.Nasdaq, null)]
    public void SameSeed_SameDay_OtherSeed_OtherDay(GeneratorProfile profile, ReferenceNumbering refs, int? maxLocate)
    {
        GeneratorOptions options = Small with { Messages = 40_000, Profile = profile, References = refs, MaxLocate = maxLocate };
        byte[] once = Hash(Day(options).Messages);
        Assert.Equal(once, Hash(Day(options).Messages));
        Assert.NotEqual(once, Hash(Day(options with { Seed = options.Seed + 1 }).Messages));
    }

    [Theory]
    [InlineData(100, 65_535)]
    [InlineData(100, 101)]
    [InlineData(2, 3)]
    [InlineData(1, 65_535)]
    public void MaxLocate_GivesDistinctLocates_InRange_IncludingTheTop(int symbols, int maxLocate)
    {
        (List<byte[]> messages, _) = Day(new GeneratorOptions { Symbols = symbols, Messages = 20_000, Seed = 4, MaxLocate = maxLocate });
        BookReplay replay = BookReplay.Run(messages); // every flow message on its order's, and its directory entry's, locate
        List<ushort> locates = replay.DirectoryLocates;
        Assert.Equal(symbols, locates.Count);
        Assert.Equal(symbols, locates.Distinct().Count());
        Assert.All(locates, l => Assert.InRange(l, 1, maxLocate));
        Assert.Contains((ushort)maxLocate, locates);
        if (symbols >= 2)
            Assert.Contains((ushort)1, locates);
        Assert.Equal(replay.Directory.Keys.Order(), replay.FlowByLocate.Keys.Order()); // every symbol trades, on its own locate
    }

    [Fact]
    public void DefaultLocates_AreOneToSymbols_InDirectoryOrder()
    {
        BookReplay replay = BookReplay.Run(Day(Small).Messages);
        Assert.Equal(Enumerable.Range(1, Small.Symbols).Select(i => (ushort)i), replay.DirectoryLocates);
    }

    [Theory]
    [InlineData(100, 99)]
    [InlineData(100, 65_536)]
    [InlineData(100, 0)]
    [InlineData(100, -1)]
    public void MaxLocate_OutOfRange_IsRefused(int symbols, int maxLocate)
    {
        var options = new GeneratorOptions { Symbols = symbols, MaxLocate = maxLocate };
        ArgumentException e = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("--max-locate", e.Message);
        Assert.Contains(maxLocate.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void Realistic_BuildsABiggerDeeperBook_ThenDrainsIt()
    {
        var options = new GeneratorOptions { Symbols = 50, Messages = 200_000, Seed = 6 };
        GeneratorSummary plain = Day(options).Summary;
        GeneratorSummary realistic = Day(options with { Profile = GeneratorProfile.Realistic }).Summary;
        Assert.True(realistic.PeakLiveOrders > 2 * plain.PeakLiveOrders, $"realistic peak {realistic.PeakLiveOrders}, default {plain.PeakLiveOrders}");
        Assert.InRange(realistic.PeakLiveOrders / (double)options.Messages, 0.015, 0.04); // about 2.5% of the flow
        Assert.True(realistic.LiveOrdersAtEnd < realistic.PeakLiveOrders / 2, $"{realistic.LiveOrdersAtEnd} live at the close of a peak of {realistic.PeakLiveOrders}");
        // The default keeps every price within 30 ticks of the mid, so at most 30 levels a side; the realistic tail goes far wider.
        Assert.InRange(plain.MaxSideLevels, 1, 30);
        Assert.True(realistic.MaxSideLevels > 150, $"deepest side {realistic.MaxSideLevels} levels");
        Assert.InRange(realistic.CancelledFraction, 0.93, 0.97);
    }

    [Fact]
    public void DefaultDay_HasTheBytesItHadBeforeTheProfiles()
    {
        // Pinned from the generator before --refs, --max-locate and --profile existed. A deliberate change to the
        // default flow updates this hash; an accidental one (a new random draw on the default path) fails here.
        var file = new MemoryStream();
        using (var writer = new DayFileWriter(file))
            FeedGenerator.Run(new GeneratorOptions { Symbols = 300, Messages = 300_000, Seed = 1 }, writer);
        Assert.Equal("62f0e9ff92767f2899055bdb64ca6d40317cde0f97cc3ade9599c3f7637a5724", Convert.ToHexStringLower(SHA256.HashData(file.ToArray())));
    }

    /// <summary>Where a message carries order references (ITCH 5.0 §1.3-§1.5); a trade's (P) is always zero and left out.</summary>
    private static int[] ReferenceOffsets(byte type) => type switch
    {
        (byte)'A' or (byte)'F' or (byte)'E' or (byte)'C' or (byte)'X' or (byte)'D' => [11],
        (byte)'U' => [11, 19],
        _ => [],
    };

    private static ulong BigEndianU64(byte[] m, int offset) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(m.AsSpan(offset));

    private static byte[] Hash(List<byte[]> messages)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (byte[] m in messages)
            sha.AppendData(m);
        return sha.GetHashAndReset();
    }
}
