namespace NewsIngest.Core.Politeness;

/// <summary>
/// The <see cref="HostThrottle"/> in the HTTP pipeline, outside the resilience handler: a request waits its host's turn once,
/// and its retries (spaced by their own back-off, at least as long as the per-host delay) keep the slot it holds.
/// </summary>
public sealed class HostThrottleHandler(HostThrottle throttle) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var lease = await throttle.AcquireAsync(request.RequestUri!, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
