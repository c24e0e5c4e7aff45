using TickToTrade.PacketIO.Randomness;
using TickToTrade.MarketData.Itch;
using TickToTrade.MarketData.Itch.Reprs;

namespace TickToTrade.MarketData.Generation;

/// <summary>
/// Writes a deterministic, realistic TotalView-ITCH 5.0 day: system events
/// (O S Q ... M E C), a stock directory entry and a trading action per symbol,
/// then order flow. The flow keeps a valid book: every reference is to a live
/// order, no execution or cancel exceeds its open size, and a replace keeps the
/// side. About 95% of the orders that end are cancelled (deleted or replaced);
/// sizes are heavy-tailed; activity follows a power law across symbols; messages
/// come in bursts. It streams: memory holds only live orders.
/// <see cref="GeneratorProfile.Default"/> keeps every price within a few ticks of
/// the touch and the book bounded; <see cref="GeneratorProfile.Realistic"/> builds
/// a book of millions of orders with a far tail and a few very deep names.
/// </summary>
public sealed class FeedGenerator
{
    // Event mix once a symbol has live orders. Adds balance removals, so the book stays bounded.
    private const double PAdd = 0.445, PDelete = 0.42, PCancel = 0.03, PReplace = 0.05, PExecute = 0.035, PExecuteWithPrice = 0.005;
    private const double PWithMpid = 0.10;
    private const int MaxLivePerSymbol = 4096;
    private const uint Tick = 100; // one cent in Price (4) units

    // The realistic profile moves part of the mix between deletes and adds: over the first quarter of the flow 5%
    // goes to adds and the book grows by about 0.10 orders a message, so it peaks near 2.5% of the order-flow
    // messages; over the last quarter 4% goes back and it shrinks by about 0.08 a message, leaving about a
    // fifth of the peak at the close. The middle half keeps the default mix, which balances.
    private const double BuildShift = 0.05, DrainShift = -0.04;
    // Its far tail: 5% of adds rest 30-3000 ticks away (log-uniform); for the deep names, 35% rest
    // uniformly 31..30,000 ticks away: over 20,000 distinct levels on the deepest side of a 50M-message day.
    private const double FarShare = 0.05, DeepFarShare = 0.35;
    private const double FarTicksMin = 30, FarTicksMax = 3000;
    private const uint NearTicksMax = 30, DeepFarTicksMax = 30_000;
    private const int DeepSymbols = 4;
    private const uint DeepMidFloor = 250 * 100 * Tick; // $250: room for 25,000 bid levels above a cent
    private const uint MaxPrice = 2_000_000_000; // $200,000.0000: far-away asks are clamped well inside Price (4)
    private const ulong Second = 1_000_000_000;
    private static readonly ulong OpenAt = 9 * 3600 * Second + 30 * 60 * Second;
    private static readonly ulong CloseAt = 16 * 3600 * Second;

    private readonly GeneratorOptions _options;
    private readonly IMessageWriter _writer;
    private readonly SymbolUniverse _universe;
    private readonly List<LiveOrder>[] _live;
    private readonly long[] _byType = new long[256];
    private readonly byte[] _buffer = new byte[64];
    private readonly PriceLevelCounts _levels;
    private readonly ReferencePermutation _permutation;
    private readonly bool _realistic;
    private readonly int _maxLivePerSymbol;
    private Xoshiro256 _rng;
    private ulong _now;
    private double _pAdd = PAdd, _pDelete = PDelete;
    private ulong _nextReference = 1;
    private ulong _nextMatch = 1;
    private long _added, _deleted, _replaced, _filled;
    private long _liveNow, _peakLive;

    private FeedGenerator(GeneratorOptions options, IMessageWriter writer)
    {
        options.Validate();
        _options = options;
        _writer = writer;
        _rng = new Xoshiro256(options.Seed);
        _universe = new SymbolUniverse(options.Symbols, options.LocateRange, options.Seed, ref _rng);
        _live = new List<LiveOrder>[options.Symbols];
        for (int i = 0; i < _live.Length; i++)
            _live[i] = [];
        _levels = new PriceLevelCounts(options.Symbols);
        _permutation = new ReferencePermutation(options.Seed);
        _realistic = options.Profile == GeneratorProfile.Realistic;
        _maxLivePerSymbol = _realistic ? int.MaxValue : MaxLivePerSymbol;
        if (_realistic)
        {
            for (int i = 0; i < Math.Min(DeepSymbols, options.Symbols); i++)
                _universe.RaiseMid(i, DeepMidFloor);
        }
    }

    /// <summary>Generates the whole day into <paramref name="writer"/> and finishes it.</summary>
    public static GeneratorSummary Run(GeneratorOptions options, IMessageWriter writer)
    {
        var g = new FeedGenerator(options, writer);
        g.Preamble();
        g.OrderFlow(options.Messages - options.PreambleMessages - GeneratorOptions.ClosingMessages);
        g.Closing();
        writer.Finish();
        var byType = new List<(char, long)>();
        foreach (byte t in ItchMessageLengths.Types)
        {
            if (g._byType[t] != 0)
                byType.Add(((char)t, g._byType[t]));
        }
        return new GeneratorSummary(g._byType.Sum(), byType, g._added, g._deleted, g._replaced, g._filled, g._liveNow, g._peakLive, g._levels.MaxSideLevels);
    }

    private void Preamble()
    {
        _now = 3 * 3600 * Second;
        SystemEvent((byte)'O', true); // §1.1 Start of Messages
        _now = 4 * 3600 * Second;
        SystemEvent((byte)'S', true); // Start of System hours
        for (int i = 0; i < _universe.Count; i++)
        {
            _now += 1000;
            Emit(new StockDirectoryRepr(Locate(i), 0, _now, _universe.Names[i], (byte)"QGS"[i % 3], (byte)'N', 100, (byte)'N',
                (byte)'C', new Alpha2(0x5A20), (byte)'P', (byte)'N', (byte)'N', (byte)'2', (byte)'N', 0, (byte)'N'), i == 0);
        }
        for (int i = 0; i < _universe.Count; i++)
        {
            _now += 1000;
            Emit(new StockTradingActionRepr(Locate(i), 0, _now, _universe.Names[i], (byte)'T', (byte)' ', Alpha4.FromString("")), i == 0);
        }
        _now = OpenAt;
        SystemEvent((byte)'Q', true); // Start of Market hours
    }

    private void Closing()
    {
        _now = Math.Max(_now + 1000, CloseAt);
        SystemEvent((byte)'M', true); // End of Market hours
        _now = Math.Max(_now + 1000, 20 * 3600 * Second);
        SystemEvent((byte)'E', true); // End of System hours
        _now += 5 * 60 * Second;
        SystemEvent((byte)'C', true); // End of Messages
    }

    private void OrderFlow(long count)
    {
        // Bursts: ~6 messages a few hundred ns apart, bursts spread over the trading day.
        const double meanBurst = 6;
        double meanGap = count == 0 ? 0 : (CloseAt - OpenAt) / (count / meanBurst);
        int burstLeft = 0;
        long buildEnd = count / 4, drainStart = count - count / 4;
        for (long n = 0; n < count; n++)
        {
            if (_realistic)
                Shift(n < buildEnd ? BuildShift : n < drainStart ? 0 : DrainShift);
            bool startsBurst = burstLeft == 0;
            if (startsBurst)
            {
                burstLeft = 1 + _rng.Geometric(1 / meanBurst, 64);
                _now += 1000 + (ulong)_rng.Exponential(meanGap);
            }
            else
            {
                _now += 50 + _rng.Next(500);
            }
            burstLeft--;
            Step(_universe.Draw(ref _rng), startsBurst);
        }
    }

    /// <summary>Moves part of the mix from deletes to adds (positive) or back (negative).</summary>
    private void Shift(double toAdds)
    {
        _pAdd = PAdd + toAdds;
        _pDelete = PDelete - toAdds;
    }

    private void Step(int symbol, bool startsBurst)
    {
        List<LiveOrder> live = _live[symbol];
        if (live.Count == 0)
        {
            Add(symbol, startsBurst);
            return;
        }
        if (live.Count >= _maxLivePerSymbol)
        {
            Delete(symbol, startsBurst);
            return;
        }
        double u = _rng.NextDouble();
        if ((u -= _pAdd) < 0)
            Add(symbol, startsBurst);
        else if ((u -= _pDelete) < 0)
            Delete(symbol, startsBurst);
        else if ((u -= PCancel) < 0)
            Cancel(symbol, startsBurst);
        else if ((u -= PReplace) < 0)
            Replace(symbol, startsBurst);
        else if ((u -= PExecute) < 0)
            Execute(symbol, startsBurst, withPrice: false);
        else if ((u -= PExecuteWithPrice) < 0)
            Execute(symbol, startsBurst, withPrice: true);
        else
            Trade(symbol, startsBurst);
    }

    private void Add(int symbol, bool startsBurst)
    {
        byte side = _rng.Chance(0.5) ? (byte)'B' : (byte)'S';
        var order = new LiveOrder { Reference = NextReference(), Shares = Size(), Price = OrderPrice(symbol, side), Side = side };
        _live[symbol].Add(order);
        Appeared(symbol, order);
        _added++;
        if (_rng.Chance(PWithMpid))
            Emit(new AddOrderWithMpidRepr(Locate(symbol), 0, _now, new OrderRef(order.Reference), side, order.Shares, _universe.Names[symbol],
                new Price4(order.Price), Alpha4.FromString(_rng.Chance(0.5) ? "GSCO" : "MSCO")), startsBurst);
        else
            Emit(new AddOrderRepr(Locate(symbol), 0, _now, new OrderRef(order.Reference), side, order.Shares, _universe.Names[symbol], new Price4(order.Price)), startsBurst);
    }

    private void Delete(int symbol, bool startsBurst)
    {
        LiveOrder o = TakeRandom(symbol);
        Left(symbol, o);
        _deleted++;
        Emit(new OrderDeleteRepr(Locate(symbol), 0, _now, new OrderRef(o.Reference)), startsBurst);
    }

    private void Cancel(int symbol, bool startsBurst)
    {
        List<LiveOrder> live = _live[symbol];
        int i = (int)_rng.Next((uint)live.Count);
        LiveOrder o = live[i];
        if (o.Shares <= 1)
        {
            Delete(symbol, startsBurst);
            return;
        }
        uint cancelled = 1 + _rng.Next(o.Shares - 1); // partial: strictly less than the open size
        o.Shares -= cancelled;
        live[i] = o;
        Emit(new OrderCancelRepr(Locate(symbol), 0, _now, new OrderRef(o.Reference), cancelled), startsBurst);
    }

    private void Replace(int symbol, bool startsBurst)
    {
        List<LiveOrder> live = _live[symbol];
        int i = (int)_rng.Next((uint)live.Count);
        LiveOrder old = live[i];
        // §1.4.5: the new order keeps the side, takes a new reference, price and size.
        var fresh = new LiveOrder { Reference = NextReference(), Shares = Size(), Price = OrderPrice(symbol, old.Side), Side = old.Side };
        live[i] = fresh;
        Left(symbol, old);
        Appeared(symbol, fresh);
        _replaced++;
        Emit(new OrderReplaceRepr(Locate(symbol), 0, _now, new OrderRef(old.Reference), new OrderRef(fresh.Reference), fresh.Shares, new Price4(fresh.Price)), startsBurst);
    }

    private void Execute(int symbol, bool startsBurst, bool withPrice)
    {
        List<LiveOrder> live = _live[symbol];
        int i = (int)_rng.Next((uint)live.Count);
        LiveOrder o = live[i];
        uint executed = o.Shares == 1 || _rng.Chance(0.6) ? o.Shares : 1 + _rng.Next(o.Shares - 1);
        var reference = new OrderRef(o.Reference);
        if (executed == o.Shares)
        {
            RemoveAt(live, i);
            Left(symbol, o);
            _filled++;
        }
        else
        {
            o.Shares -= executed;
            live[i] = o;
        }
        var match = new MatchNumber(_nextMatch++);
        if (withPrice) // §1.4.2: executed at a price other than the order's, e.g. in a cross
            Emit(new OrderExecutedWithPriceRepr(Locate(symbol), 0, _now, reference, executed, match, (byte)'Y', new Price4(o.Price + (o.Side == 'B' ? 0 : Tick))), startsBurst);
        else
            Emit(new OrderExecutedRepr(Locate(symbol), 0, _now, reference, executed, match), startsBurst);
    }

    private void Trade(int symbol, bool startsBurst)
    {
        // §1.5.1: a non-displayed execution; the order reference is zero and the side always 'B'.
        uint price = _universe.Mids[symbol] + (_rng.Chance(0.5) ? Tick : 0) - Tick / 2 * (_rng.Chance(0.5) ? 1u : 0u);
        Emit(new TradeRepr(Locate(symbol), 0, _now, new OrderRef(0), (byte)'B', Size(), _universe.Names[symbol], new Price4(price), new MatchNumber(_nextMatch++)), startsBurst);
    }

    private void SystemEvent(byte code, bool startsBurst) =>
        Emit(new SystemEventRepr(new StockLocate(0), 0, _now, code), startsBurst);

    private void Appeared(int symbol, LiveOrder order)
    {
        _peakLive = Math.Max(_peakLive, ++_liveNow);
        _levels.Add(symbol, order.Side, order.Price);
    }

    private void Left(int symbol, LiveOrder order)
    {
        _liveNow--;
        _levels.Remove(symbol, order.Side, order.Price);
    }

    /// <summary>A new order's price: near the touch, or (realistic profile) sometimes far from it.</summary>
    private uint OrderPrice(int symbol, byte side)
    {
        if (!_realistic)
            return PriceNearTouch(symbol, side);
        bool deep = symbol < DeepSymbols;
        if (!_rng.Chance(deep ? DeepFarShare : FarShare))
            return PriceNearTouch(symbol, side);
        uint ticks = deep
            ? NearTicksMax + 1 + _rng.Next(DeepFarTicksMax - NearTicksMax)
            : (uint)Math.Exp(Math.Log(FarTicksMin) + _rng.NextDouble() * (Math.Log(FarTicksMax) - Math.Log(FarTicksMin)));
        return TicksAway(symbol, side, ticks);
    }

    /// <summary>
    /// A price <paramref name="ticks"/> from the mid. Bids fold back into 1 cent..mid-1 tick when the mid is too low
    /// for the distance, so they stay above zero and spread out rather than pile up at a cent; asks are clamped to <see cref="MaxPrice"/>.
    /// </summary>
    private uint TicksAway(int symbol, byte side, uint ticks)
    {
        uint mid = _universe.Mids[symbol];
        if (side == 'B')
        {
            uint room = mid / Tick - 1; // mids are whole cents of at least $2, so room >= 199
            return mid - (1 + (ticks - 1) % room) * Tick;
        }
        return (uint)Math.Min((ulong)mid + (ulong)ticks * Tick, MaxPrice);
    }

    /// <summary>1..30 ticks behind the touch, most often 1-3: geometric.</summary>
    private uint PriceNearTouch(int symbol, byte side)
    {
        uint away = Tick * (uint)(1 + _rng.Geometric(0.45, 29));
        uint mid = _universe.Mids[symbol];
        return side == 'B' ? (mid > away + Tick ? mid - away : Tick) : mid + away;
    }

    /// <summary>15% odd lots; otherwise round lots with a Pareto tail (alpha 1.3), capped at 100,000 shares.</summary>
    private uint Size()
    {
        if (_rng.Chance(0.15))
            return 1 + _rng.Next(99);
        double lots = Math.Pow(1.0 - _rng.NextDouble(), -1.0 / 1.3);
        return (uint)Math.Min(1000, Math.Floor(lots)) * 100;
    }

    private ulong NextReference()
    {
        ulong r = _nextReference;
        _nextReference += 1 + _rng.Next(4);
        if (_options.References == ReferenceNumbering.Nasdaq)
            return r;
        ulong spread = _permutation.Apply(r);
        // Zero means "no order" (a non-displayed trade's reference, §1.5.1): the one counter that maps there is skipped.
        return spread != 0 ? spread : NextReference();
    }

    private LiveOrder TakeRandom(int symbol)
    {
        List<LiveOrder> live = _live[symbol];
        int i = (int)_rng.Next((uint)live.Count);
        LiveOrder o = live[i];
        RemoveAt(live, i);
        return o;
    }

    private static void RemoveAt(List<LiveOrder> live, int i)
    {
        live[i] = live[^1];
        live.RemoveAt(live.Count - 1);
    }

    private StockLocate Locate(int symbol) => new(_universe.Locates[symbol]);

    private void Emit<TRepr>(TRepr repr, bool startsBurst) where TRepr : struct, IItchRepr<TRepr>
    {
        repr.Emit(_buffer);
        _byType[TRepr.Type]++;
        _writer.Write(_buffer.AsSpan(0, TRepr.Length), _now, startsBurst);
    }
}
