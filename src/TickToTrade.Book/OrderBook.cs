using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TickToTrade.MarketData.Diagnostics;
using TickToTrade.MarketData.Itch;

namespace TickToTrade.Book;

/// <summary>
/// Full-depth books for every stock locate, built from ITCH 5.0 order events
/// (§1.3 adds, §1.4 modifications), plus each symbol's trading state and last
/// trade. All memory is allocated here, once, from <see cref="BookOptions"/>.
/// When a capacity runs out, the symbol concerned is marked degraded, counted,
/// and an alarm is recorded; nothing throws and nothing grows. A message with a
/// value the spec does not define in a field the book acts on (a side other than
/// B or S, an unknown trading state...) is counted and dropped, never guessed.
/// Every apply writes <see cref="LastChange"/> anew. Feed it with
/// <see cref="BookUpdater{TListener}"/> through the ITCH dispatcher.
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
    /// <summary>Locates by stock symbol, from the Stock Directory, for the messages that name a stock but carry locate 0 (§1.2.6).</summary>
    private readonly Dictionary<ulong, ushort> _locateByStock;
    /// <summary>The locate the message being applied degraded, or 0: its change then says so.</summary>
    private ushort _degradedNow;

    public OrderBook(BookOptions? options = null)
    {
        options ??= new BookOptions();
        options.Validate();
        _maxSymbols = options.MaxSymbols;
        _orders = new OrderStore(options.MaxOrders, options.HashSeed);
        _levels = new LevelBook(options.MaxSymbols, options.Levels);
        _locateByStock = new Dictionary<ulong, ushort>(options.MaxSymbols + 1);
        _symbols = (SymbolState*)NativeMemory.AlignedAlloc(SymbolBytes, 64);
        NativeMemory.Clear(_symbols, SymbolBytes);
    }

    private nuint SymbolBytes => (nuint)(_maxSymbols + 1) * (nuint)sizeof(SymbolState);

    public ref readonly BookCounters Counters => ref _counters;

    /// <summary>What the last applied message changed (written anew by every message).</summary>
    public ref readonly BookChange LastChange => ref _change;

    public EventRing<BookAlarm> Alarms { get; } = new();

    /// <summary>The market-wide state (circuit breakers).</summary>
    public ref readonly MarketState Market => ref _market;

    public OrderStore Orders => _orders;

    /// <summary>Price levels in the pool that every side shares beyond its best seven.</summary>
    public long LevelPoolCapacity => _levels.Pool.Capacity;

    /// <summary>Pool levels in use now (chunks and their directories).</summary>
    public long LevelPoolUsed => _levels.Pool.Used;

    /// <summary>Most pool levels in use at one time since the last <see cref="Clear"/>: what to size <see cref="BookOptions.Levels"/> from.</summary>
    public long LevelPoolPeak => _levels.Pool.Peak;

    public int MaxSymbols => _maxSymbols;

    /// <summary>Native memory held, in bytes.</summary>
    public long Bytes => _orders.Bytes + _levels.Bytes + (long)SymbolBytes;

    /// <summary>State of <paramref name="locate"/>; for a locate the book does not track (0, or above <see cref="MaxSymbols"/>), an empty state.</summary>
    public ref readonly SymbolState Symbol(StockLocate locate) => ref _symbols[Tracks(locate.Value) ? locate.Value : 0];

    public TopOfBook Top(StockLocate locate) =>
        Tracks(locate.Value) ? new TopOfBook(_levels.Best(locate.Value, Side.Bid), _levels.Best(locate.Value, Side.Ask)) : default;

    /// <summary>Levels of one side, best first, into <paramref name="into"/>; returns how many.</summary>
    public int Depth(StockLocate locate, Side side, Span<PriceLevel> into) =>
        Tracks(locate.Value) && (byte)side <= 1 ? _levels.CopyDepth(locate.Value, side, into) : 0;

    /// <summary>How many price levels one side has.</summary>
    public long LevelCount(StockLocate locate, Side side) =>
        Tracks(locate.Value) && (byte)side <= 1 ? _levels.LevelCount(locate.Value, side) : 0;

    /// <summary>Is the book of this symbol complete? (tracked, and no capacity ran out for it).</summary>
    public bool IsTradable(StockLocate locate) => Tracks(locate.Value) && !_symbols[locate.Value].Degraded;

    /// <summary>
    /// May this symbol be traded now, from everything the book knows: it is tracked, its
    /// book is complete (not degraded), its §1.2.2 trading state is 'T' (not halted,
    /// paused or quotation only; nor before the feed has said), no §1.2.8 operational
    /// halt is in force on Nasdaq, and no §1.2.5.2 level 3 market-wide circuit breaker
    /// (which halts the market for the rest of the day) has been breached. The feed's
    /// staleness is the caller's to add.
    /// </summary>
    public bool CanTrade(StockLocate locate)
    {
        if (!Tracks(locate.Value))
            return false;
        ref SymbolState s = ref _symbols[locate.Value];
        return !s.Degraded && s.TradingState == (byte)'T' && s.OperationalHalt != (byte)'H' && _market.MwcbBreachedLevel != (byte)'3';
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Tracks(ushort locate) => locate != 0 && locate <= _maxSymbols;

    /// <summary>
    /// True when the message's locate is tracked; otherwise counts it and records a change
    /// of nothing. (§1: locate 0 is for messages that are not stock dependent, so a
    /// stock-dependent message with locate 0 is out of range too.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool InRange(ushort locate, ulong timestamp)
    {
        if (Tracks(locate))
            return true;
        _counters.SymbolOutOfRange++;
        _change = BookChange.Nothing(timestamp);
        return false;
    }

    /// <summary>
    /// For an order event that names its order by reference (E, C, X, D, U): true when its
    /// Stock Locate is one the book tracks; otherwise counts it in <see cref="BookCounters.SymbolOutOfRange"/>
    /// and records a change of nothing, so an event for an untracked symbol is never taken for
    /// an unknown order.
    /// </summary>
    public bool TracksEvent(StockLocate locate, ulong timestamp) => InRange(locate.Value, timestamp);

    /// <summary>Counts a message dropped for a value its spec does not define in a field the book acts on.</summary>
    private void DropInvalid(ulong timestamp)
    {
        _counters.InvalidValues++;
        _change = BookChange.Nothing(timestamp);
    }

    /// <summary>Counts an order event dropped because its Buy/Sell Indicator is neither 'B' nor 'S' (§1.3.1).</summary>
    public void DropInvalidSide(ulong timestamp)
    {
        _counters.InvalidSides++;
        _change = BookChange.Nothing(timestamp);
    }

    /// <summary>Counts an execution dropped because its §1.4.2 Printable flag is neither 'Y' nor 'N'.</summary>
    public void DropInvalidPrintable(ulong timestamp) => DropInvalid(timestamp);

    /// <summary>
    /// Records what changed from the level's depth alone, without reading the book
    /// again: a change at depth 0 changes the touch, and moves it when the best level
    /// itself appeared or disappeared. A level of -1 (nothing changed) records nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Record(ushort locate, ulong timestamp, Side side, int level, bool levelAddedOrRemoved)
    {
        _change = new BookChange
        {
            Kind = level >= 0 ? BookChangeKind.Level : BookChangeKind.None,
            Locate = new StockLocate(level >= 0 ? locate : (ushort)0),
            Side = side,
            Level = level,
            TouchChanged = level == 0,
            TouchMoved = level == 0 && levelAddedOrRemoved,
            Timestamp = timestamp,
        };
    }

    /// <summary>Records a change of a symbol's (or, with locate 0, the market's) state.</summary>
    private void RecordState(ushort locate, ulong timestamp, StateChange state) =>
        _change = new BookChange { Kind = BookChangeKind.State, Locate = new StockLocate(locate), Level = -1, State = state, Timestamp = timestamp };

    /// <summary>
    /// Hint for a message that will be applied soon: the cache lines it will touch
    /// are fetched while the messages before it are applied: the order store's bucket
    /// for the reference at offset 11 (where A, F, E, C, X, D and U all carry it;
    /// an add's bucket is where it will be stored), and both sides' top levels of the
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

    /// <summary>§1.3.1/§1.3.2 Add Order: a new resting order. Every 64-bit reference is legal, 0 included.</summary>
    public void ApplyAdd(StockLocate locate, ulong timestamp, OrderRef reference, Side side, Shares shares, Price4 price)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if ((byte)side > 1)
        {
            DropInvalidSide(timestamp);
            return;
        }
        _counters.Adds++;
        int level = Insert(locate.Value, timestamp, reference.Value, side, shares.Value, price.Value, out bool created);
        Record(locate.Value, timestamp, side, level, created);
        if (_degradedNow != 0)
            RecordDegraded();
    }

    /// <summary>Adds to the change that the message degraded its symbol.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordDegraded()
    {
        _change.Kind |= BookChangeKind.State;
        _change.State = StateChange.Degraded;
        _change.Locate = new StockLocate(_degradedNow);
        _degradedNow = 0;
    }

    private int Insert(ushort locate, ulong timestamp, ulong reference, Side side, uint shares, uint price, out bool created)
    {
        created = false;
        long slot = _orders.Add(reference, locate, side, price, shares);
        if (slot == -1)
        {
            // §1.3: a reference is unique for the day, so a second add of a live one means the feed
            // and the book disagree: later events for that reference could land on either order,
            // so both symbols' books are suspect.
            _counters.DuplicateOrders++;
            Degrade(locate, BookAlarmKind.DuplicateReference, timestamp);
            Degrade(_orders.Read(_orders.Find(reference)).Locate, BookAlarmKind.DuplicateReference, timestamp);
            return -1;
        }
        if (slot == -2)
        {
            _counters.OrderStoreFull++;
            Degrade(locate, BookAlarmKind.OrderStoreFull, timestamp);
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

    /// <summary>§1.4.1 Order Executed: shares leave the resting order, and print at its price.</summary>
    public void ApplyExecution(ulong timestamp, OrderRef reference, Shares shares, MatchNumber match)
    {
        if (!TryFindOrder(reference.Value, timestamp, out long slot))
            return;
        _counters.Executions++;
        OrderSlot o = _orders.Read(slot);
        Print(o.Locate, timestamp, o.Price, shares.Value, match.Value);
        Reduce(slot, timestamp, shares.Value);
        _change.Kind |= BookChangeKind.Trade;
        _change.Locate = new StockLocate(o.Locate);
    }

    /// <summary>
    /// §1.4.2 Order Executed With Price: shares leave the resting order (from its own level)
    /// and print at the execution price; a non-printable execution (Printable 'N') changes
    /// the book but is not a print, so the last trade stays as it was.
    /// </summary>
    public void ApplyExecutionWithPrice(ulong timestamp, OrderRef reference, Shares shares, MatchNumber match, Price4 executionPrice, bool printable)
    {
        if (!TryFindOrder(reference.Value, timestamp, out long slot))
            return;
        _counters.Executions++;
        OrderSlot o = _orders.Read(slot);
        if (printable)
            Print(o.Locate, timestamp, executionPrice.Value, shares.Value, match.Value);
        Reduce(slot, timestamp, shares.Value);
        if (printable)
        {
            _change.Kind |= BookChangeKind.Trade;
            _change.Locate = new StockLocate(o.Locate);
        }
    }

    private void Print(ushort locate, ulong timestamp, uint price, ulong shares, ulong match)
    {
        ref SymbolState sym = ref _symbols[locate];
        sym.LastTradePrice = price;
        sym.LastTradeShares = shares;
        sym.LastMatchNumber = match;
        sym.LastTradeTimestamp = timestamp;
    }

    /// <summary>§1.4.3 Order Cancel: part of the order is withdrawn.</summary>
    public void ApplyCancel(ulong timestamp, OrderRef reference, Shares shares)
    {
        if (!TryFindOrder(reference.Value, timestamp, out long slot))
            return;
        _counters.Cancels++;
        Reduce(slot, timestamp, shares.Value);
    }

    /// <summary>The slot of a live order; an unknown reference is counted and recorded as a change of nothing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryFindOrder(ulong reference, ulong timestamp, out long slot)
    {
        slot = _orders.Find(reference);
        if (slot >= 0)
            return true;
        _counters.UnknownOrders++;
        _change = BookChange.Nothing(timestamp);
        return false;
    }

    private void Reduce(long slot, ulong timestamp, uint shares)
    {
        OrderSlot o = _orders.Read(slot);
        if (shares > o.Shares)
        {
            _counters.Overfills++;
            shares = o.Shares;
        }
        bool gone = (_orders.Shares(slot) -= shares) == 0;
        if (gone)
            _orders.Remove(slot);
        int level = _levels.Remove(o.Locate, o.Side, o.Price, shares, gone, out bool removed);
        Record(o.Locate, timestamp, o.Side, level, removed);
    }

    /// <summary>§1.4.4 Order Delete: the whole order leaves the book.</summary>
    public void ApplyDelete(ulong timestamp, OrderRef reference)
    {
        if (!TryFindOrder(reference.Value, timestamp, out long slot))
            return;
        _counters.Deletes++;
        OrderSlot o = _orders.Read(slot);
        _orders.Remove(slot);
        int level = _levels.Remove(o.Locate, o.Side, o.Price, o.Shares, orderGone: true, out bool removed);
        Record(o.Locate, timestamp, o.Side, level, removed);
    }

    /// <summary>§1.4.5 Order Replace: the old reference is deleted and a new one added, same side and symbol, new price and size.</summary>
    public void ApplyReplace(ulong timestamp, OrderRef original, OrderRef replacement, Shares shares, Price4 price)
    {
        if (!TryFindOrder(original.Value, timestamp, out long slot))
            return;
        _counters.Replaces++;
        OrderSlot o = _orders.Read(slot);
        PriceLevel before = _levels.Best(o.Locate, o.Side); // same side, same cache line as the levels touched below
        _orders.Remove(slot);
        int removedAt = _levels.Remove(o.Locate, o.Side, o.Price, o.Shares, orderGone: true, out _);
        int addedAt = Insert(o.Locate, timestamp, replacement.Value, o.Side, shares.Value, price.Value, out _);
        int level = removedAt < 0 ? addedAt : addedAt < 0 ? removedAt : Math.Min(removedAt, addedAt);
        Record(o.Locate, timestamp, o.Side, level, levelAddedOrRemoved: false);
        // Both halves may touch the best level: compare the best level itself.
        PriceLevel after = _levels.Best(o.Locate, o.Side);
        _change.TouchMoved = after.Price != before.Price || (after.Orders == 0) != (before.Orders == 0);
        _change.TouchChanged = _change.TouchMoved || after.Shares != before.Shares || after.Orders != before.Orders;
        if (_degradedNow != 0)
            RecordDegraded();
    }

    /// <summary>§1.5.1 Trade (non-cross) and §1.5.2 Cross Trade: prints that do not touch the displayed book.</summary>
    public void ApplyTrade(StockLocate locate, ulong timestamp, ulong shares, Price4 price, MatchNumber match, bool cross)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if (cross)
            _counters.CrossTrades++;
        else
            _counters.Trades++;
        Print(locate.Value, timestamp, price.Value, shares, match.Value);
        _change = new BookChange { Kind = BookChangeKind.Trade, Locate = locate, Level = -1, Timestamp = timestamp };
    }

    /// <summary>§1.5.3 Broken Trade: counted; the book itself does not change.</summary>
    public void ApplyBrokenTrade(ulong timestamp)
    {
        _counters.BrokenTrades++;
        _change = BookChange.Nothing(timestamp);
    }

    /// <summary>A message the book has nothing to do with (§1.1 System Event, §1.7 RPII, §1.2.9 DLCR): a change of nothing.</summary>
    public void ApplyNothing(ulong timestamp) => _change = BookChange.Nothing(timestamp);

    /// <summary>§1.2.1 Stock Directory: the symbol's name and round lot.</summary>
    public void ApplyDirectory(StockLocate locate, ulong timestamp, ulong stock, uint roundLotSize)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        ref SymbolState s = ref _symbols[locate.Value];
        if (s.Stock != 0 && s.Stock != stock && _locateByStock.TryGetValue(s.Stock, out ushort was) && was == locate.Value)
            _locateByStock.Remove(s.Stock); // a locate renamed: its old name no longer finds it
        s.Stock = stock;
        s.RoundLotSize = roundLotSize;
        // One entry per locate at most (a name moved to another locate replaces its entry), and the
        // table was sized for every locate at start-up, so this never allocates.
        if (_locateByStock.Count <= _maxSymbols || _locateByStock.ContainsKey(stock))
            _locateByStock[stock] = locate.Value;
        RecordState(locate.Value, timestamp, StateChange.Directory);
    }

    /// <summary>§1.2.2 Stock Trading Action: 'H' halted, 'P' paused, 'Q' quotation only, 'T' trading; any other value is dropped.</summary>
    public void ApplyTradingAction(StockLocate locate, ulong timestamp, byte tradingState)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if (tradingState is not ((byte)'H' or (byte)'P' or (byte)'Q' or (byte)'T'))
        {
            DropInvalid(timestamp);
            return;
        }
        _symbols[locate.Value].TradingState = tradingState;
        RecordState(locate.Value, timestamp, StateChange.TradingAction);
    }

    /// <summary>§1.2.3 Reg SHO Short Sale Price Test Restricted Indicator: '0' no test, '1' in effect, '2' remains in effect; any other value is dropped.</summary>
    public void ApplyRegSho(StockLocate locate, ulong timestamp, byte action)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if (action is not ((byte)'0' or (byte)'1' or (byte)'2'))
        {
            DropInvalid(timestamp);
            return;
        }
        _symbols[locate.Value].RegShoAction = action;
        RecordState(locate.Value, timestamp, StateChange.ShortSaleTest);
    }

    /// <summary>
    /// §1.2.8 Operational Halt: market code 'Q' (Nasdaq), 'B' (BX) or 'X' (PSX), action 'H'
    /// halted or 'T' resumed; only Nasdaq's is kept (the book is Nasdaq's). Other values are dropped.
    /// </summary>
    public void ApplyOperationalHalt(StockLocate locate, ulong timestamp, byte marketCode, byte action)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if (marketCode is not ((byte)'Q' or (byte)'B' or (byte)'X') || action is not ((byte)'H' or (byte)'T'))
        {
            DropInvalid(timestamp);
            return;
        }
        if (marketCode != (byte)'Q')
        {
            _change = BookChange.Nothing(timestamp);
            return;
        }
        _symbols[locate.Value].OperationalHalt = action;
        RecordState(locate.Value, timestamp, StateChange.OperationalHalt);
    }

    /// <summary>§1.2.7 LULD Auction Collar: the re-opening auction's collar prices.</summary>
    public void ApplyLuldCollar(StockLocate locate, ulong timestamp, Price4 upper, Price4 lower)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        ref SymbolState s = ref _symbols[locate.Value];
        s.LuldUpperPrice = upper.Value;
        s.LuldLowerPrice = lower.Value;
        RecordState(locate.Value, timestamp, StateChange.LuldAuctionCollar);
    }

    /// <summary>
    /// §1.2.6 IPO Quoting Period Update: the IPO price. The spec sets this message's Stock Locate
    /// to 0 ("Always set to 0"), so the symbol is found by its Stock from the day's directory
    /// (a non-zero locate is taken as given). The release qualifier is 'A' (anticipated) or
    /// 'C' (cancelled or postponed); other values are dropped.
    /// </summary>
    public void ApplyIpoQuotingPeriod(StockLocate locate, ulong timestamp, ulong stock, byte qualifier, Price4 ipoPrice)
    {
        ushort at = locate.Value;
        if (at == 0 && !_locateByStock.TryGetValue(stock, out at))
        {
            _counters.UnknownStocks++;
            _change = BookChange.Nothing(timestamp);
            return;
        }
        if (!InRange(at, timestamp))
            return;
        if (qualifier is not ((byte)'A' or (byte)'C'))
        {
            DropInvalid(timestamp);
            return;
        }
        _symbols[at].IpoPrice = ipoPrice.Value;
        RecordState(at, timestamp, StateChange.IpoQuotingPeriod);
    }

    /// <summary>§1.6 NOII: imbalance shares and direction ('B' buy, 'S' sell, 'N' none, 'O' insufficient orders, 'P' paused); other directions are dropped.</summary>
    public void ApplyImbalance(StockLocate locate, ulong timestamp, ulong shares, byte direction)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if (direction is not ((byte)'B' or (byte)'S' or (byte)'N' or (byte)'O' or (byte)'P'))
        {
            DropInvalid(timestamp);
            return;
        }
        ref SymbolState s = ref _symbols[locate.Value];
        s.ImbalanceShares = shares;
        s.ImbalanceDirection = direction;
        RecordState(locate.Value, timestamp, StateChange.Imbalance);
    }

    /// <summary>§1.2.5.1 MWCB Decline Level: the day's three breach points.</summary>
    public void ApplyMwcbDeclineLevels(ulong timestamp, ulong level1, ulong level2, ulong level3)
    {
        _market.MwcbLevel1 = level1;
        _market.MwcbLevel2 = level2;
        _market.MwcbLevel3 = level3;
        RecordState(0, timestamp, StateChange.MarketWideCircuitBreaker);
    }

    /// <summary>§1.2.5.2 MWCB Status: a level was breached ('1', '2' or '3'; any other value is dropped).</summary>
    public void ApplyMwcbBreach(ulong timestamp, byte level)
    {
        if (level is < (byte)'1' or > (byte)'3')
        {
            DropInvalid(timestamp);
            return;
        }
        _market.MwcbBreachedLevel = Math.Max(_market.MwcbBreachedLevel, level);
        _market.MwcbBreachedAt = timestamp;
        RecordState(0, timestamp, StateChange.MarketWideCircuitBreaker);
    }

    /// <summary>
    /// §1.2.4 Market Participant Position: a firm that is active ('A') and primary ('Y') becomes the
    /// issue's Primary Market Maker; the same firm arriving otherwise stops being it. Primary is
    /// 'Y' or 'N', the Market Maker Mode one of 'N' 'P' 'S' 'R' 'L' and the state one of
    /// 'A' 'E' 'W' 'S' 'D'; other values are dropped.
    /// </summary>
    public void ApplyParticipantPosition(StockLocate locate, ulong timestamp, uint mpid, byte primary, byte mode, byte state)
    {
        if (!InRange(locate.Value, timestamp))
            return;
        if (primary is not ((byte)'Y' or (byte)'N') || mode is not ((byte)'N' or (byte)'P' or (byte)'S' or (byte)'R' or (byte)'L')
            || state is not ((byte)'A' or (byte)'E' or (byte)'W' or (byte)'S' or (byte)'D'))
        {
            DropInvalid(timestamp);
            return;
        }
        ref SymbolState s = ref _symbols[locate.Value];
        if (primary == (byte)'Y' && state == (byte)'A')
            s.PrimaryMarketMaker = mpid;
        else if (s.PrimaryMarketMaker == mpid)
            s.PrimaryMarketMaker = 0;
        RecordState(locate.Value, timestamp, StateChange.MarketParticipant);
    }

    /// <summary>Marks a symbol degraded (once), with a counter and an alarm for the log.</summary>
    private void Degrade(ushort locate, BookAlarmKind kind, ulong timestamp)
    {
        ref SymbolState s = ref _symbols[locate];
        if (s.Degraded)
            return;
        s.Degraded = true;
        _degradedNow = locate;
        _counters.DegradedSymbols++;
        Alarms.Record(new BookAlarm(locate, kind, timestamp));
    }

    /// <summary>Empties every book and forgets every symbol (a new day).</summary>
    public void Clear()
    {
        _orders.Clear();
        _levels.Clear();
        NativeMemory.Clear(_symbols, SymbolBytes);
        _locateByStock.Clear();
        while (Alarms.TryTake(out _))
        {
            // a new day's alarms are its own
        }
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
