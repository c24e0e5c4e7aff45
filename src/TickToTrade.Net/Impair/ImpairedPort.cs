using TickToTrade.PacketIO;
using TickToTrade.PacketIO.Randomness;
using TickToTrade.PacketIO.Time;

namespace TickToTrade.Net.Impair;

/// <summary>
/// A seeded fault injector around any port, because this kernel has no netem:
/// drops, duplicates, reorders, corrupts (one flipped bit past the Ethernet
/// header) and delays frames, independently on receive and on transmit.
/// Deterministic for a given seed, clock and traffic. A port value is a handle:
/// copies share one state.
/// </summary>
public readonly struct ImpairedPort<TInner> : IPacketPort where TInner : struct, IPacketPort
{
    private readonly ImpairedPortState<TInner> _s;

    public ImpairedPort(TInner inner, Impairment receive, Impairment transmit, ulong seed, IClock clock, int holdCapacity = 4096) =>
        _s = new ImpairedPortState<TInner>(inner, receive, transmit, seed, clock, holdCapacity);

    public ImpairmentCounters ReceiveCounters => _s.Rx;
    public ImpairmentCounters TransmitCounters => _s.Tx;

    public int Receive(Span<PacketBuffer> frames) => _s.Receive(frames);
    public int Allocate(Span<PacketBuffer> frames) => _s.Inner.Allocate(frames);
    public int Transmit(Span<PacketBuffer> frames) => _s.Transmit(frames);
    public void Free(Span<PacketBuffer> frames) => _s.Inner.Free(frames);
    public ref PortCounters Counters => ref _s.Inner.Counters;
    /// <summary>Off when transmit is impaired: a corrupted frame must keep the checksum of what we meant to send, or the peer cannot catch it.</summary>
    public bool TcpChecksumOffload => _s.TransmitUntouched && _s.Inner.TcpChecksumOffload;
}

/// <summary>The shared state behind <see cref="ImpairedPort{TInner}"/>.</summary>
internal sealed class ImpairedPortState<TInner> where TInner : struct, IPacketPort
{
    public TInner Inner;
    public readonly ImpairmentCounters Rx = new(), Tx = new();
    private readonly Impairment _rxRates, _txRates;
    public bool TransmitUntouched => _txRates.IsNone;
    private readonly IClock _clock;
    private readonly long _upAt;
    private Xoshiro256 _random;
    private readonly HeldFrames _rxHeld, _txHeld;
    private readonly PacketBuffer[] _work = new PacketBuffer[PortLimits.MaxBurst];
    private readonly PacketBuffer[] _out = new PacketBuffer[PortLimits.MaxBurst * 2];
    private readonly PacketBuffer[] _one = new PacketBuffer[1];

    /// <summary>How long a reordered frame is held: long enough for the frames behind it to pass.</summary>
    private const long ReorderHold = 50_000;

    public ImpairedPortState(TInner inner, Impairment rx, Impairment tx, ulong seed, IClock clock, int holdCapacity)
    {
        Inner = inner;
        _rxRates = rx;
        _txRates = tx;
        _random = new Xoshiro256(seed);
        _clock = clock;
        _upAt = rx.DownNanoseconds > 0 || tx.DownNanoseconds > 0 ? clock.NowNanoseconds + Math.Max(rx.DownNanoseconds, tx.DownNanoseconds) : 0;
        _rxHeld = new HeldFrames(holdCapacity);
        _txHeld = new HeldFrames(holdCapacity);
    }

    public int Receive(Span<PacketBuffer> frames)
    {
        long now = _clock.NowNanoseconds;
        ReleaseTransmit(now); // held TX frames leave even when the stack has nothing new to send
        int n = _rxHeld.TakeDue(now, frames);
        if (n == frames.Length)
            return n;
        int got = Inner.Receive(_work.AsSpan(0, frames.Length - n));
        for (int i = 0; i < got; i++)
        {
            int emitted = Apply(_work[i], _rxRates, Rx, _rxHeld, now, _out);
            for (int k = 0; k < emitted; k++)
            {
                if (n < frames.Length)
                    frames[n++] = _out[k];
                else if (!_rxHeld.TryAdd(_out[k], now))
                    Discard(_out[k], Rx);
            }
        }
        return n;
    }

    public int Transmit(Span<PacketBuffer> frames)
    {
        long now = _clock.NowNanoseconds;
        ReleaseTransmit(now);
        for (int i = 0; i < frames.Length; i++)
        {
            int emitted = Apply(frames[i], _txRates, Tx, _txHeld, now, _out);
            if (emitted > 0)
                SendOrDrop(_out.AsSpan(0, emitted));
        }
        return frames.Length; // every frame is now ours: sent, held, or freed and counted
    }

    private void ReleaseTransmit(long now)
    {
        int ready;
        while ((ready = _txHeld.TakeDue(now, _out)) > 0)
            SendOrDrop(_out.AsSpan(0, ready));
    }

    private void SendOrDrop(Span<PacketBuffer> frames)
    {
        int sent = Inner.Transmit(frames);
        if (sent < frames.Length)
        {
            Tx.Overflow += frames.Length - sent;
            Inner.Free(frames[sent..]);
        }
    }

    /// <summary>Decides one frame's fate; writes the frames to pass on now into <paramref name="output"/> and returns their count.</summary>
    private int Apply(PacketBuffer frame, Impairment rates, ImpairmentCounters c, HeldFrames held, long now, PacketBuffer[] output)
    {
        if (now < _upAt)
        {
            c.LinkDown++;
            Discard(frame, null);
            return 0;
        }
        if (rates.IsRatesNone)
        {
            c.Passed++;
            output[0] = frame;
            return 1;
        }
        if (rates.Loss > 0 && _random.NextDouble() < rates.Loss)
        {
            c.Dropped++;
            Discard(frame, null);
            return 0;
        }
        if (rates.Corrupt > 0 && _random.NextDouble() < rates.Corrupt && frame.Length > 14)
        {
            Span<byte> bytes = frame.Span;
            int at = 14 + (int)_random.Next((uint)(bytes.Length - 14)); // past the Ethernet header: the checksums must catch it
            bytes[at] ^= (byte)(1 << (int)_random.Next(8));
            c.Corrupted++;
        }
        int n = 0;
        if (rates.Duplicate > 0 && _random.NextDouble() < rates.Duplicate)
        {
            bool allocated = Inner.Allocate(_one) == 1;
            if (allocated && _one[0].TryAppend((int)frame.Length, out Span<byte> copy))
            {
                frame.Span.CopyTo(copy);
                c.Duplicated++;
                output[n++] = _one[0];
            }
            else
            {
                if (allocated)
                    Inner.Free(_one);
                c.Overflow++;
            }
        }
        long hold = rates.DelayNanoseconds;
        bool reorder = rates.Reorder > 0 && _random.NextDouble() < rates.Reorder;
        if (reorder)
        {
            hold += ReorderHold;
            c.Reordered++;
        }
        else if (hold > 0)
        {
            c.Delayed++;
        }
        if (hold > 0)
        {
            // Held frames keep their order among themselves; a reordered one is overtaken by what passes meanwhile.
            if (!held.TryAdd(frame, now + hold))
                Discard(frame, c);
            for (int k = 0; k < n; k++)
                if (!held.TryAdd(output[k], now + hold))
                    Discard(output[k], c);
            return 0;
        }
        c.Passed++;
        output[n++] = frame;
        return n;
    }

    private void Discard(PacketBuffer frame, ImpairmentCounters? overflow)
    {
        if (overflow is not null)
            overflow.Overflow++;
        _one[0] = frame;
        Inner.Free(_one);
    }
}
