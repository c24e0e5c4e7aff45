using TickToTrade.Wire.Ethernet;
using TickToTrade.Wire.Ipv4;

namespace TickToTrade.MarketData.Sequencing;

/// <summary>
/// Where retransmission requests go (MoldUDP64 "Request Packet", by unicast to
/// the re-request server) and where the replies come back to. The next hop's MAC
/// is configured until the ARP layer can resolve it.
/// </summary>
public sealed record RequestRoute(
    MacAddress LocalMac,
    MacAddress NextHopMac,
    Ipv4Address LocalAddress,
    ushort LocalPort,
    Ipv4Address ServerAddress,
    ushort ServerPort,
    int VlanId = -1);
