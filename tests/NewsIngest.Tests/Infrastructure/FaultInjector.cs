using System.Net;

namespace NewsIngest.Tests.Infrastructure;

/// <summary>
/// Makes storage answer 503 Service Unavailable to every <see cref="Every"/>-th request, in two ways that alternate:
/// first carried out and then answered 503 (written, but the client is told it failed — the case that tests
/// idempotency, since the retry repeats a write that happened), then refused before it reaches the service.
/// A request is faulted once at most: its retries (same client request id) pass, as after a transient outage.
/// </summary>
public sealed class FaultInjector
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _faulted = new();
    private int _requests;
    private int _injected;

    public int Every { get; init; } = 4;

    /// <summary>Off: requests pass untouched.</summary>
    public bool Enabled { get; set; } = true;

    public int Injected => Volatile.Read(ref _injected);

    public HttpMessageHandler CreateHandler() => new Handler(this) { InnerHandler = new SocketsHttpHandler() };

    private sealed class Handler(FaultInjector owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var count = Interlocked.Increment(ref owner._requests);
            var id = request.Headers.TryGetValues("x-ms-client-request-id", out var ids) ? ids.First() : Guid.NewGuid().ToString();
            if (!owner.Enabled || count % owner.Every != 0 || !owner._faulted.TryAdd(id, true))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var injected = Interlocked.Increment(ref owner._injected);
            if (injected % 2 == 1)
            {
                using var carriedOut = await base.SendAsync(request, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request, Content = new StringContent(string.Empty) };
        }
    }
}
