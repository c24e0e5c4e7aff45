using System.Diagnostics;

namespace TickToTrade.App.Tests.Support;

/// <summary>Runs tshark (Wireshark's dissectors: a real, independent peer) and returns its standard output.</summary>
public static class Tshark
{
    public static string Run(int timeoutSeconds, params string[] args)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        Task<string> output = p.StandardOutput.ReadToEndAsync(); // read both while waiting, so the timeout bounds the whole run
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"tshark did not finish in {timeoutSeconds} s");
        }
        Assert.True(p.ExitCode == 0, err.Result);
        return output.Result;
    }
}
