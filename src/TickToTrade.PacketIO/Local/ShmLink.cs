using System.Diagnostics;
using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// One end of a point-to-point link in shared memory (native/ttt_shm.h): side 0
/// creates the file, side 1 attaches to it. The owner of a <see cref="LocalPort{TLink}"/> over <see cref="ShmRing"/>.
/// </summary>
public sealed unsafe class ShmLink : IDisposable
{
    private LocalPortState* _state;

    private ShmLink(LocalPortState* state) => _state = state;

    /// <summary>
    /// Opens <paramref name="path"/> as <paramref name="side"/> 0 (create) or 1 (attach, waiting up to
    /// <paramref name="waitSeconds"/> for side 0); throws IOException with the reason.
    /// </summary>
    public static ShmLink Open(string path, int side, double waitSeconds = 10, int buffers = 4096)
    {
        if (side is not (0 or 1))
            throw new IOException($"shared-memory side must be 0 (creates) or 1 (attaches), not {side}");
        nint link = 0;
        int rc;
        var clock = Stopwatch.StartNew();
        using var p = new NativeUtf8(path);
        while ((rc = NativeMethods.ttt_shm_open(p.Pointer, side, &link)) == -2 /* ENOENT */ && side == 1 && clock.Elapsed.TotalSeconds < waitSeconds)
            Thread.Sleep(10);
        if (rc < 0)
            throw new IOException($"cannot open shared-memory link \"{path}\" as side {side}: {DpdkError.Describe(rc)}");
        return new ShmLink(LocalPortState.Create(buffers, link));
    }

    public LocalPort<ShmRing> CreatePort() => new(_state);

    public void Dispose()
    {
        if (_state == null)
            return;
        NativeMethods.ttt_shm_close(_state->Handle);
        LocalPortState.Destroy(_state);
        _state = null;
    }
}
