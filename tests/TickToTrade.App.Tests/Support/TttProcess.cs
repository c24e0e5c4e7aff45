using System.Diagnostics;

namespace TickToTrade.App.Tests.Support;

/// <summary>Runs the published AOT binary out/bin/ttt (built by `make build`) and captures its output.</summary>
public static class TttProcess
{
    public static string RepoRoot => TickToTrade.Tests.Shared.RepoRoot.Path;

    public static string Binary => Path.Combine(RepoRoot, "out", "bin", "ttt");

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] args)
    {
        if (!File.Exists(Binary))
            throw new InvalidOperationException($"{Binary} is missing: run `make build` first");
        var psi = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"ttt {string.Join(' ', args)} did not finish in 60 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

}
