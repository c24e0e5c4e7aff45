namespace TickToTrade.PacketIO.Tests.Support;

/// <summary>Every test that touches DPDK runs in this collection, sharing one EAL.</summary>
[CollectionDefinition(Name)]
public sealed class DpdkCollection : ICollectionFixture<DpdkEnvironment>
{
    public const string Name = "dpdk";
}
