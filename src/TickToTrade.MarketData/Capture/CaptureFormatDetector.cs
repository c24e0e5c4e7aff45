using TickToTrade.MarketData.Itch;
using TickToTrade.PacketIO.Capture;
using TickToTrade.Wire;

namespace TickToTrade.MarketData.Capture;

/// <summary>Tells pcap, pcapng and ITCH day files apart by their first bytes.</summary>
public static class CaptureFormatDetector
{
    /// <summary>
    /// The format of <paramref name="bytes"/>; an <see cref="InvalidDataException"/>
    /// when it is none of them. A day file must start with a length that matches
    /// the ITCH 5.0 length of the type byte after it.
    /// </summary>
    public static CaptureFormat Detect(CaptureBytes bytes, string name)
    {
        int n = (int)Math.Min(bytes.Length, 8);
        ReadOnlySpan<byte> head = bytes.Slice(0, n);
        if (PcapReader.Recognises(head))
            return CaptureFormat.Pcap;
        if (PcapNgReader.Recognises(head))
            return CaptureFormat.PcapNg;
        if (n >= 3)
        {
            int length = BigEndian.U16(head, 0);
            int expected = ItchMessageLengths.Of(head[2]);
            if (expected != 0 && expected == length)
                return CaptureFormat.ItchDayFile;
        }
        throw new InvalidDataException(
            $"\"{name}\" is neither a pcap, a pcapng nor an ITCH 5.0 day file (it starts with {Convert.ToHexString(head)})");
    }
}
