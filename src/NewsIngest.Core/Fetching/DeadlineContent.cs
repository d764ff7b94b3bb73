using System.Net;

namespace NewsIngest.Core.Fetching;

/// <summary>A response body whose reads end at its request's deadline (<see cref="RequestDeadlineHandler"/>).</summary>
internal sealed class DeadlineContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly CancellationTokenSource _deadline;
    private readonly Uri? _url;
    private readonly TimeSpan _timeout;

    public DeadlineContent(HttpContent inner, CancellationTokenSource deadline, Uri? url, TimeSpan timeout)
    {
        _inner = inner;
        _deadline = deadline;
        _url = url;
        _timeout = timeout;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new DeadlineStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), this);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _deadline.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads the inner body with the deadline's token joined to the caller's, counting bytes for the reason.</summary>
    private sealed class DeadlineStream(Stream inner, DeadlineContent owner) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, owner._deadline.Token);
            try
            {
                var read = await inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
                _read += read;
                return read;
            }
            catch (Exception ex) when (owner._deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                throw new TimeoutException($"{owner._url} did not complete within {owner._timeout.TotalSeconds:0.#} s: the body stalled after {_read} bytes.", ex);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }
    }
}
