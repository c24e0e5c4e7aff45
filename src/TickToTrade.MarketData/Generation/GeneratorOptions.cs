namespace TickToTrade.MarketData.Generation;

/// <summary>What `ttt gen` writes.</summary>
public sealed record GeneratorOptions
{
    public int Symbols { get; init; } = 100;
    /// <summary>Total messages in the output, system events and directory included.</summary>
    public long Messages { get; init; } = 100_000;
    public ulong Seed { get; init; } = 1;
    /// <summary>Drop every K-th MoldUDP64 packet (0: none), on both lines, to make gaps for tests.</summary>
    public int GapEvery { get; init; }
    /// <summary>Write every packet twice, on the A and the B line, in varying order.</summary>
    public bool ABLines { get; init; }
    /// <summary>MoldUDP64 session name.</summary>
    public string Session { get; init; } = "TTTGEN0001";
    /// <summary>Largest UDP payload (a 1500-byte MTU less IPv4 and UDP headers).</summary>
    public int MaxUdpPayload { get; init; } = 1472;
    /// <summary>Highest stock locate: the symbols' locates are spread over 1..MaxLocate (null: 1..Symbols in order).</summary>
    public int? MaxLocate { get; init; }
    /// <summary>How order references are numbered.</summary>
    public ReferenceNumbering References { get; init; } = ReferenceNumbering.Nasdaq;
    /// <summary>The shape of the order flow.</summary>
    public GeneratorProfile Profile { get; init; } = GeneratorProfile.Default;

    /// <summary>The highest stock locate the day uses.</summary>
    public int LocateRange => MaxLocate ?? Symbols;

    /// <summary>Messages before the order flow: S(O), S(S), R and H per symbol, S(Q).</summary>
    public long PreambleMessages => 3 + 2L * Symbols;

    /// <summary>Messages after it: S(M), S(E), S(C).</summary>
    public const int ClosingMessages = 3;

    public void Validate()
    {
        if (Symbols is < 1 or > 65_535)
            throw new ArgumentException($"--symbols must be 1..65535 (a stock locate is 16 bits), not {Symbols}");
        if (MaxLocate is int maxLocate && (maxLocate < Symbols || maxLocate > 65_535))
            throw new ArgumentException($"--max-locate must be at least --symbols ({Symbols}), to give every symbol its own locate, and at most 65535 (a stock locate is 16 bits), not {maxLocate}");
        long minimum = PreambleMessages + ClosingMessages;
        if (Messages < minimum)
            throw new ArgumentException($"--messages must be at least {minimum} for {Symbols} symbols (system events and the stock directory), not {Messages}");
        if (GapEvery < 0)
            throw new ArgumentException($"--gap-every must be 0 (none) or positive, not {GapEvery}");
        if (MaxUdpPayload is < 100 or > 65_507)
            throw new ArgumentException($"the UDP payload limit must be 100..65507, not {MaxUdpPayload}");
    }
}
