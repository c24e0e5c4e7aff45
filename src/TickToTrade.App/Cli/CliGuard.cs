using TickToTrade.App.Configuration;
using TickToTrade.PacketIO.Dpdk;

namespace TickToTrade.App.Cli;

/// <summary>
/// Runs a command's body and turns the failures a user can cause (bad config,
/// missing file, DPDK refusing, capacities beyond the machine's memory) into one "ttt: error: ..." line and exit code 2,
/// never a stack trace.
/// </summary>
public static class CliGuard
{
    /// <summary>Exit code for a failure the user can fix.</summary>
    public const int UserError = 2;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ConfigException or DpdkException or IOException or InvalidDataException or UnauthorizedAccessException or FormatException or ArgumentException
            or OutOfMemoryException) // a native table the machine cannot back: NativeArena names the table and the size
        {
            Console.Error.WriteLine($"ttt: error: {e.Message}");
            return UserError;
        }
        catch (DllNotFoundException e)
        {
            Console.Error.WriteLine($"ttt: error: the native shim is missing ({e.Message}); run `make build`");
            return UserError;
        }
    }
}
