using TickToTrade.PacketIO.Randomness;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.Net.Tcp;

/// <summary>
/// Initial sequence numbers per RFC 6528 §3: ISN = M + F(localip, localport,
/// remoteip, remoteport, secretkey), M a timer ticking every 4 microseconds, F
/// SipHash-2-4 under a 128-bit key drawn once from the injected generator.
/// </summary>
public sealed class IsnGenerator
{
    private readonly ulong _k0, _k1;

    public IsnGenerator(ref Xoshiro256 random)
    {
        _k0 = random.NextUInt64();
        _k1 = random.NextUInt64();
    }

    /// <summary>Tests only: the next ISN to hand out instead of the computed one (sequence wrap-around tests).</summary>
    internal uint? FixedNext { get; set; }

    public uint Next(Ipv4Address local, ushort localPort, Ipv4Address remote, ushort remotePort, long nowNanoseconds)
    {
        if (FixedNext is uint fixedIsn)
        {
            FixedNext = null;
            return fixedIsn;
        }
        uint m = (uint)(nowNanoseconds / 4000); // RFC 6528 §3: "M is the 4 microsecond timer"
        return m + Keyed(local, localPort, remote, remotePort);
    }

    /// <summary>F() alone: also the per-connection timestamp offset (RFC 7323 §5.4 suggests one).</summary>
    public uint Keyed(Ipv4Address local, ushort localPort, Ipv4Address remote, ushort remotePort) =>
        (uint)SipHash.Hash12(_k0, _k1, (ulong)local.Value << 32 | remote.Value, (uint)localPort << 16 | remotePort);
}
