namespace NewsIngest.Core.Feeds;

/// <summary>
/// Skips whitespace and repeated UTF-8 byte order marks before the first <c>&lt;</c>: CMS templates often emit a newline or a
/// second BOM before the XML declaration, which XML forbids but every browser tolerates. UTF-16 documents are left alone.
/// Reads only as far as the junk goes, so the feed is never held whole in memory.
/// </summary>
internal static class LeadingJunk
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>A stream of <paramref name="content"/> from its first byte that is neither whitespace nor a UTF-8 BOM.</summary>
    public static Stream Skip(Stream content)
    {
        var buffer = new byte[4096];
        var count = 0;
        while (true)
        {
            // Keep up to two bytes of a BOM cut by the end of a read.
            var read = content.Read(buffer, count, buffer.Length - count);
            count += read;
            var start = 0;
            while (start < count)
            {
                if (buffer.AsSpan(start, count - start).StartsWith(Utf8Bom))
                {
                    start += 3;
                }
                else if (buffer[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    start++;
                }
                else if (read > 0 && count - start < 3 && Utf8Bom.StartsWith(buffer.AsSpan(start, count - start)))
                {
                    break; // the start of a BOM: read on to see the rest
                }
                else
                {
                    return new PrefixedStream(buffer.AsMemory(start, count - start), content);
                }
            }

            if (read == 0)
            {
                return new PrefixedStream(buffer.AsMemory(start, count - start), content);
            }

            buffer.AsSpan(start, count - start).CopyTo(buffer);
            count -= start;
        }
    }

    /// <summary>Bytes already read, then the rest of the stream: read-only, forward-only.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _head = head;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_head.IsEmpty)
            {
                return rest.Read(buffer);
            }

            var n = Math.Min(buffer.Length, _head.Length);
            _head.Span[..n].CopyTo(buffer);
            _head = _head[n..];
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
