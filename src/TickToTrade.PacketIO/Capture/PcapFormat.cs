namespace TickToTrade.PacketIO.Capture;

/// <summary>Constants of the classic libpcap file format (pcap-savefile(5)).</summary>
public static class PcapFormat
{
    /// <summary>Magic of a microsecond-resolution file, as read little-endian.</summary>
    public const uint MagicMicroseconds = 0xA1B2C3D4;
    /// <summary>Magic of a nanosecond-resolution file, as read little-endian.</summary>
    public const uint MagicNanoseconds = 0xA1B23C4D;
    /// <summary>Global header length.</summary>
    public const int FileHeaderLength = 24;
    /// <summary>Per-record header length.</summary>
    public const int RecordHeaderLength = 16;
    /// <summary>LINKTYPE_ETHERNET.</summary>
    public const uint LinkTypeEthernet = 1;
}
