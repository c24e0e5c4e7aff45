using System.Text.Json;
using TickToTrade.App.Tests.Support;

namespace TickToTrade.App.Tests;

/// <summary>
/// tshark (Wireshark 4.0's own dissectors, a real peer) reads what `ttt gen`
/// writes: Ethernet, IPv4 and UDP with checksums verified, MoldUDP64 framing
/// decoded, nothing malformed, and the same message count `ttt inspect` reports.
/// </summary>
public sealed class TsharkInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ttt-tshark-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);


    [Theory]
    [InlineData("plain", new string[0])]
    [InlineData("ab", new[] { "--ab" })]
    [InlineData("gaps", new[] { "--gap-every", "9" })]
    public void TsharkDecodesGeneratedPcap_WithNoErrors_AndTheSameMessageCount(string name, string[] extra)
    {
        string path = Path.Combine(_dir, name + ".pcap");
        TttProcess.Result gen = TttProcess.Run(["gen", "--symbols", "100", "--messages", "50000", "--seed", "13", "--out", path, .. extra]);
        Assert.True(gen.ExitCode == 0, gen.Stderr);

        string[] decode = ["-r", path, "-d", "udp.port==26477,moldudp64", "-d", "udp.port==26478,moldudp64",
                           "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"];
        string problems = Tshark.Run(120, [.. decode, "-Y", "_ws.malformed || _ws.expert.severity >= warning || ip.checksum.status == 0 || udp.checksum.status == 0"]);
        Assert.Equal("", problems.Trim());

        string blocks = Tshark.Run(120, [.. decode, "-T", "fields", "-e", "moldudp64.msglen"]);
        long tsharkMessages = blocks.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(line => (long)line.Split(',').Length);
        string frames = Tshark.Run(120, [.. decode, "-T", "fields", "-e", "frame.number"]);
        long tsharkFrames = frames.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

        TttProcess.Result inspect = TttProcess.Run("inspect", path);
        Assert.True(inspect.ExitCode == 0, inspect.Stderr);
        using JsonDocument json = JsonDocument.Parse(inspect.Stdout);
        Assert.Equal(tsharkMessages, json.RootElement.GetProperty("messages").GetInt64());
        Assert.Equal(tsharkFrames, json.RootElement.GetProperty("packets").GetInt64());
    }
}
