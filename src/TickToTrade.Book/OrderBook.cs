using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TickToTrade.MarketData.Diagnostics;

namespace TickToTrade.Book;

/// <summary>
/// Full-depth books for every stock locate, built from ITCH 5.0 order events
/// (§1.3 adds, §1.4 modifications), plus each symbol's trading state and last
/// trade. All memory is allocated here, once, from <see cref="BookOptions"/>.
/// When a capacity runs out, the symbol concerned is marked degraded, counted,
/// and an alarm is recorded; nothing throws and nothing grows.
/// Feed it with <see cref="BookUpdater"/> through the ITCH dispatcher.
/// </summary>
public sealed unsafe class OrderBook : IDisposable
{
    private readonly OrderStore _orders;
    private readonly LevelBook _levels;
    private SymbolState* _symbols;
    private readonly int _maxSymbols;
    private BookCounters _counters;
    private BookChange _change;
    private MarketState _market;

    public OrderBook(BookOptions? options = null)
    {
        options ??= new BookOptions();
        options.Validate();
        _maxSymbols = options.MaxSymbols;
        _orders = new OrderStore(options.MaxOrders);
        _levels = new LevelBook(options.MaxSymbols, options.LevelsPerSide);
        _symbols = (SymbolState*)NativeMemory.AlignedAlloc((nuint)(options.MaxSymbols + 1) * (nuint)sizeof(SymbolState), 64);
        NativeMemory.Clear(_symbols, (nuint)(options.MaxSymbols + 1) * (nuint)sizeof(SymbolState));
    }

    public ref readonly BookCounters Counters => ref _counters;

    /// <summary>What the last applied event changed.</summary>
    public ref readonly BookChange LastChange => ref _change;

    public EventRing<BookAlarm> Alarms { get; } = new();

    /// <summary>The market-wide state (circuit breakers).</summary>
    public ref readonly MarketState Market => ref _market;

    public OrderStore Orders => _orders;

    public int MaxSymbols => _maxSymbols;

    /// <summary>Native memory held, in bytes.</summary>
    public long Bytes => _orders.Bytes + _levels.Bytes + (long)(_maxSymbols + 1) * sizeof(SymbolState);

    /// <summary>State of <paramref name="locate"/> (1..MaxSymbols).</summary>
    public ref SymbolState Symbol(ushort locate) => ref _symbols[locate];

    public TopOfBook Top(ushort locate) =>
        locate == 0 || locate > _maxSymbols ? default : new TopOfBook(_levels.Best(locate, Side.Bid), _levels.Best(locate, Side.Ask));

    /// <summary>Levels of one side, best first, into <paramref name="into"/>; returns how many.</summary>
    public int Depth(ushort locate, Side side, Span<PriceLevel> into)
    {
        if (locate == 0 || locate > _maxSymbols)
            return 0;
        return _levels.CopyDepth(locate, side, into);
    }

    /// <summary>Can a strategy trust this symbol's book? (known, in range, not degraded).</summary>
    public bool IsTradable(ushort locate) => locate != 0 && locate <= _maxSymbols && !_symbols[locate].Degraded;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool InRange(ushort locate)
    {
        if (locate != 0 && locate <= _maxSymbols)
            return true;
        _counters.SymbolOutOfRange++;
        return false;
    }

    /// <summary>
    /// Records what changed from the level's depth alone, without reading the book
    /// again: a change at depth 0 changes the touch, and moves it when the best level
    /// itself appeared or disappeared.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(ushort locate, ulong timestamp, Side side, int level, bool levelAddedOrRemoved)
    {
        _change = new BookChange
        {
            Locate = locate,
            Side = side,
            Level = level,
            TouchChanged = level == 0,
            TouchMoved = level == 0 && levelAddedOrRemoved,
            Timestamp = timestamp,
        };
    }

    /// <summary>
    /// Hint for a message that will be applied soon: the cache lines it will touch
    /// are fetched while the messages before it are applied: the order store's slot
    /// for the reference at offset 11 (where A, F, E, C, X, D and U all carry it;
    /// an add's slot is where it will be stored), and both sides' top levels of the
    /// Stock Locate at offset 1 (in every message; an order event's side is known
    /// only once its slot arrives). It does not look at the message type: a branch
    /// on a random type would mispredict, while a wasted prefetch for a message
    /// that is not an order event costs next to nothing. Reads only what the length
    /// allows; changes nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Prefetch(ReadOnlySpan<byte> message)
    {
        if (message.Length < 19) // the shortest order event, D, is 19 bytes: locate at 1..2, reference at 11..18
            return;
        ushort locate = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(message[1..]);
        if (locate > _maxSymbols)
            return;
        _orders.Prefetch(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(message[11..]));
        _levels.Prefetch(locate);
    }

    /// <summary>§1.3.1/§1.3.2 Add Order: a new resting order.</summary>
    public void ApplyAdd(ushort locate, ulong timestamp, ulong reference, byte side, uint shares, uint price)
    {
        if (!InRange(locate))
            return;
        _counters.Adds++;
        Side s = side == (byte)'B' ? Side.Bid : Side.Ask;
        int level = Insert(locate, timestamp, reference, s, shares, price, out bool created);
        Record(locate, timestamp, s, level, created);
    }

    private int Insert(ushort locate, ulong timestamp, ulong reference, Side side, uint shares, uint price, out bool created)
    {
        created = false;
        if (reference == 0)
        {
            _counters.DuplicateOrders++;
            return -1;
        }
        long slot = _orders.Add(reference, locate, side, price, shares);
        if (slot == -1)
        {
            _counters.DuplicateOrders++;
            return -1;
        }
        if (slot == -2)
        {
            _counters.OrderStoreFull++;
            Degrade(locate, BookAlarmKind.OrderStoreFull, timestamp);
            return -1;
        }
        if (slot == -3)
        {
            _counters.ReferenceOutOfRange++;
            Degrade(locate, BookAlarmKind.ReferenceOutOfRange, timestamp);
            return -1;
        }
        int level = _levels.Add(locate, side, price, shares, out created);
        if (level < 0)
        {
            _orders.Remove(slot);
            _counters.LevelsFull++;
            Degrade(locate, BookAlarmKind.LevelsFull, timestamp);
        }
        return level;
    }

    /// <summary>
    /// §1.4.1 Order Executed (<paramref name="executionPrice"/> 0) and §1.4.2 with price: shares
    /// leave the resting order. A non-printable execution (§1.4.2 Printable 'N') changes the
    /// book but is not a print: the last trade stays as it was.
    /// </summary>
    public void ApplyExecution(ulong timestamp, ulong reference, uint shares, ulong matchNumber, uint executionPrice, bool printable = true)
    {
        if (!TryFindOrder(reference, timestamp, out long slot))
            return;
        _counters.Executions++;
        OrderSlot o = _orders.Read(slot);
        ushort locate = o.Locate;
        if (printable)
        {
            ref SymbolState sym = ref _symbols[locate];
            // §1.4.2: the trade prints at the execution price; the order rests, and is taken from, its own level.
            sym.LastTradePrice = executionPrice != 0 ? executionPrice : o.Price;
            sym.LastTradeShares = shares;
            sym.LastMatchNumber = matchNumber;
            sym.LastTradeTimestamp = timestamp;
        }
        Reduce(slot, timestamp, shares);
        _change.Traded = printable;
    }

    /// <summary>§1.4.3 Order Cancel: part of the order is withdrawn.</summary>
    public void ApplyCancel(ulong timestamp, ulong reference, uint shares)
    {
        if (!TryFindOrder(reference, timestamp, out long slot))
            return;
        _counters.Cancels++;
        Reduce(slot, timestamp, shares);
    }

    /// <summary>The slot of a live order; an unknown reference is counted and recorded as a change of nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFindOrder(ulong reference, ulong timestamp, out long slot)
    {
        slot = _orders.Find(reference);
        if (slot >= 0)
            return true;
        _counters.UnknownOrders++;
        _change = new BookChange { Level = -1, Timestamp = timestamp };
        return false;
    }

    private void Reduce(long slot, ulong timestamp, uint shares)
    {
        OrderSlot o = _orders.Read(slot);
        ushort locate = o.Locate;
        Side side = o.Side;
        uint price = o.Price;
        if (shares > o.Shares)
        {
            _counters.Overfills++;
            shares = o.Shares;
        }
        bool gone = (_orders.Shares(slot) -= shares) == 0;
        if (gone)
            _orders.Remove(slot);
        int level = _levels.Remove(locate, side, price, shares, gone, out bool removed);
        Record(locate, timestamp, side, level, removed);
    }

    /// <summary>§1.4.4 Order Delete: the whole order leaves the book.</summary>
    public void ApplyDelete(ulong timestamp, ulong reference)
    {
        if (!TryFindOrder(reference, timestamp, out long slot))
            return;
        _counters.Deletes++;
        OrderSlot o = _orders.Read(slot);
        ushort locate = o.Locate;
        Side side = o.Side;
        uint price = o.Price, shares = o.Shares;
        _orders.Remove(slot);
        int level = _levels.Remove(locate, side, price, shares, orderGone: true, out bool removed);
        Record(locate, timestamp, side, level, removed);
    }

    /// <summary>§1.4.5 Order Replace: the old reference is deleted and a new one added, same side and symbol, new price and size.</summary>
    public void ApplyReplace(ulong timestamp, ulong original, ulong replacement, uint shares, uint price)
    {
        if (!TryFindOrder(original, timestamp, out long slot))
            return;
        _counters.Replaces++;
        OrderSlot o = _orders.Read(slot);
        ushort locate = o.Locate;
        Side side = o.Side;
        uint oldPrice = o.Price, oldShares = o.Shares;
        uint bestBefore = _levels.Best(locate, side).Price; // same side, same cache line as the levels touched below
        _orders.Remove(slot);
        int removedAt = _levels.Remove(locate, side, oldPrice, oldShares, orderGone: true, out _);
        int addedAt = Insert(locate, timestamp, replacement, side, shares, price, out _);
        int level = removedAt < 0 ? addedAt : addedAt < 0 ? removedAt : Math.Min(removedAt, addedAt);
        Record(locate, timestamp, side, level, levelAddedOrRemoved: false);
        // Both halves may touch the best level: compare the best price itself.
        _change.TouchMoved = _levels.Best(locate, side).Price != bestBefore;
        _change.TouchChanged |= _change.TouchMoved;
    }

    /// <summary>§1.5.1 Trade (non-cross) and §1.5.2 Cross Trade: prints that do not touch the displayed book.</summary>
    public void ApplyTrade(ushort locate, ulong timestamp, ulong shares, uint price, ulong matchNumber, bool cross)
    {
        if (!InRange(locate))
            return;
        if (cross)
            _counters.CrossTrades++;
        else
            _counters.Trades++;
        ref SymbolState sym = ref _symbols[locate];
        sym.LastTradePrice = price;
        sym.LastTradeShares = shares;
        sym.LastMatchNumber = matchNumber;
        sym.LastTradeTimestamp = timestamp;
        _change = new BookChange { Locate = locate, Level = -1, Traded = true, Timestamp = timestamp };
    }

    /// <summary>§1.5.3 Broken Trade: counted; the book itself does not change.</summary>
    public void ApplyBrokenTrade(ulong timestamp)
    {
        _counters.BrokenTrades++;
        _change = new BookChange { Level = -1, Timestamp = timestamp };
    }

    /// <summary>§1.2.5.1 MWCB Decline Level: the day's three breach points.</summary>
    public void ApplyMwcbDeclineLevels(ulong level1, ulong level2, ulong level3)
    {
        _market.MwcbLevel1 = level1;
        _market.MwcbLevel2 = level2;
        _market.MwcbLevel3 = level3;
    }

    /// <summary>§1.2.5.2 MWCB Status: a level was breached ('1', '2' or '3'; any other value is counted and ignored).</summary>
    public void ApplyMwcbBreach(ulong timestamp, byte level)
    {
        if (level is < (byte)'1' or > (byte)'3')
        {
            _counters.UnknownStateValues++;
            return;
        }
        _market.MwcbBreachedLevel = Math.Max(_market.MwcbBreachedLevel, level);
        _market.MwcbBreachedAt = timestamp;
    }

    /// <summary>
    /// §1.2.4 Market Participant Position: a firm that is active ('A') and primary ('Y') becomes the
    /// issue's Primary Market Maker; the same firm arriving otherwise stops being it.
    /// </summary>
    public void ApplyParticipantPosition(ushort locate, uint mpid, byte primary, byte state)
    {
        if (!InRange(locate))
            return;
        ref SymbolState s = ref _symbols[locate];
        if (primary == (byte)'Y' && state == (byte)'A')
            s.PrimaryMarketMaker = mpid;
        else if (s.PrimaryMarketMaker == mpid)
            s.PrimaryMarketMaker = 0;
    }

    /// <summary>Marks a symbol degraded (once), with a counter and an alarm for the log.</summary>
    private void Degrade(ushort locate, BookAlarmKind kind, ulong timestamp)
    {
        ref SymbolState s = ref _symbols[locate];
        if (s.Degraded)
            return;
        s.Degraded = true;
        _counters.DegradedSymbols++;
        Alarms.Record(new BookAlarm(locate, kind, timestamp));
    }

    /// <summary>Empties every book and forgets every symbol (a new day).</summary>
    public void Clear()
    {
        _orders.Clear();
        _levels.Clear();
        NativeMemory.Clear(_symbols, (nuint)(_maxSymbols + 1) * (nuint)sizeof(SymbolState));
        _counters = default;
        _change = default;
        _market = default;
    }

    public void Dispose()
    {
        _orders.Dispose();
        _levels.Dispose();
        if (_symbols != null)
        {
            NativeMemory.AlignedFree(_symbols);
            _symbols = null;
        }
    }
}
