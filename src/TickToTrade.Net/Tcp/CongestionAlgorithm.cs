namespace TickToTrade.Net.Tcp;

/// <summary>Congestion control: NewReno (RFC 5681 and RFC 6582) or CUBIC (RFC 9438).</summary>
public enum CongestionAlgorithm : byte
{
    NewReno,
    Cubic,
}
