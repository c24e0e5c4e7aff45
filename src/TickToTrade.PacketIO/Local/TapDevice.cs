using TickToTrade.PacketIO.Dpdk;
using TickToTrade.PacketIO.Native;

namespace TickToTrade.PacketIO.Local;

/// <summary>
/// A tap interface this process creates (or attaches to) in its own network
/// namespace, opened non-blocking, with a pool of frame buffers: the owner of a
/// <see cref="LocalPort{TLink}"/> over <see cref="TapFd"/>. Its kernel side is the interface <see cref="Name"/>.
/// </summary>
public sealed unsafe class TapDevice : IDisposable
{
    private LocalPortState* _state;

    private TapDevice(string name, LocalPortState* state)
    {
        Name = name;
        _state = state;
    }

    public string Name { get; }

    /// <summary>Opens tap <paramref name="name"/> (at most 15 characters); throws IOException with the system's reason.</summary>
    public static TapDevice Open(string name, int buffers = 4096)
    {
        if (name.Length is 0 or > 15)
            throw new IOException($"tap interface name \"{name}\" must be 1 to 15 characters");
        int fd;
        using (var n = new NativeUtf8(name))
            fd = NativeMethods.ttt_tap_open(n.Pointer);
        if (fd < 0)
            throw new IOException($"cannot open tap \"{name}\": {DpdkError.Describe(fd)}");
        return new TapDevice(name, LocalPortState.Create(buffers, fd));
    }

    public LocalPort<TapFd> CreatePort() => new(_state);

    public void Dispose()
    {
        if (_state == null)
            return;
        NativeMethods.ttt_tap_close((int)_state->Handle);
        LocalPortState.Destroy(_state);
        _state = null;
    }
}
