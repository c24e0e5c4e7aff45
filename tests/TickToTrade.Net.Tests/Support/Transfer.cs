using System.Security.Cryptography;
using TickToTrade.Net.Tcp;
using TickToTrade.PacketIO.Randomness;

namespace TickToTrade.Net.Tests.Support;

/// <summary>
/// Moves seeded pseudo-random bytes both ways at once over two connections and
/// hashes what each side sent and what the other received (SHA-256).
/// </summary>
public sealed class Transfer
{
    private readonly Direction _up, _down;

    public Transfer(TcpConnection client, TcpConnection server, long bytesEachWay, ulong seed)
    {
        _up = new Direction(client, server, bytesEachWay, seed);
        _down = new Direction(server, client, bytesEachWay, seed + 1);
    }

    public bool Done => _up.Done && _down.Done;
    public long Delivered => _up.Received + _down.Received;

    public void Pump()
    {
        _up.Pump();
        _down.Pump();
    }

    /// <summary>SHA-256 of what the client sent and the server received. Finishes both hashes: read it once.</summary>
    public (byte[] Sent, byte[] Received) UpHashes => _up.Hashes();
    /// <summary>SHA-256 of what the server sent and the client received. Finishes both hashes: read it once.</summary>
    public (byte[] Sent, byte[] Received) DownHashes => _down.Hashes();

    private sealed class Direction(TcpConnection from, TcpConnection to, long total, ulong seed)
    {
        private readonly IncrementalHash _sent = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly IncrementalHash _received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private Xoshiro256 _random = new(seed);
        private readonly byte[] _chunk = new byte[64 * 1024];
        private int _chunkOffset = 64 * 1024, _chunkLength = 64 * 1024;
        private readonly byte[] _read = new byte[256 * 1024];
        private long _queued;
        public long Received;

        public bool Done => Received == total;

        public void Pump()
        {
            while (_queued < total)
            {
                if (_chunkOffset == _chunkLength)
                {
                    _chunkLength = (int)Math.Min(_chunk.Length, total - _queued);
                    for (int i = 0; i < _chunkLength; i += 8)
                        BitConverter.TryWriteBytes(_chunk.AsSpan(i, Math.Min(8, _chunkLength - i)), _random.NextUInt64());
                    _chunkOffset = 0;
                }
                int n = from.Send(_chunk.AsSpan(_chunkOffset, _chunkLength - _chunkOffset));
                if (n == 0)
                    break;
                _sent.AppendData(_chunk, _chunkOffset, n);
                _chunkOffset += n;
                _queued += n;
            }
            int r;
            while ((r = to.Receive(_read)) > 0)
            {
                _received.AppendData(_read, 0, r);
                Received += r;
            }
        }

        public (byte[], byte[]) Hashes() => (_sent.GetHashAndReset(), _received.GetHashAndReset());
    }
}
