using TickToTrade.MarketData.Generation;

namespace TickToTrade.MarketData.Tests.Support;

/// <summary>Generated feeds, as pcap bytes and as the plain message list, from the same options.</summary>
public static class Generated
{
    public static byte[] Pcap(GeneratorOptions options)
    {
        var stream = new MemoryStream();
        using var writer = new MoldPcapWriter(new NonClosingStream(stream), options);
        FeedGenerator.Run(options, writer);
        return stream.ToArray();
    }

    public static List<byte[]> Messages(GeneratorOptions options)
    {
        var writer = new MemoryMessageWriter();
        FeedGenerator.Run(options with { GapEvery = 0, ABLines = false }, writer);
        return writer.Messages;
    }

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
