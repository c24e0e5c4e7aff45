namespace TickToTrade.PacketIO.Tests.Support;

/// <summary>Deterministic frame contents for tests: byte i of frame k is a function of (k, i).</summary>
public static class FrameBytes
{
    public static void Fill(Span<byte> frame, long k)
    {
        for (int i = 0; i < frame.Length; i++)
            frame[i] = (byte)(k * 31 + i * 7);
    }

    public static bool Check(ReadOnlySpan<byte> frame, long k)
    {
        for (int i = 0; i < frame.Length; i++)
        {
            if (frame[i] != (byte)(k * 31 + i * 7))
                return false;
        }
        return true;
    }
}
