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

    public uint Next(Ipv4Address local, ushort localPort, Ipv4Address remote, ushort remotePort, long nowNanoseconds)
    {
        uint m = (uint)(nowNanoseconds / 4000); // RFC 6528 §3: "M is the 4 microsecond timer"
        ulong f = SipHash.Hash12(_k0, _k1, (ulong)local.Value << 32 | remote.Value, (uint)localPort << 16 | remotePort);
        return m + (uint)f;
    }
}
