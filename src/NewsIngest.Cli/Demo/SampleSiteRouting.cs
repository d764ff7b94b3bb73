namespace NewsIngest.Cli.Demo;

/// <summary>
/// Sends requests for the sample site's stable address (<see cref="SampleSite.PublicBaseUrl"/>) to the loopback port it is
/// served from this time. The innermost handler of the fetch pipeline: the throttle, the circuit breaker, robots.txt and the
/// stored URLs all see the stable address, so a second demo finds the same pages; only the socket goes to 127.0.0.1:port,
/// which the address guard lets through as the one allowed private host.
/// </summary>
internal sealed class SampleSiteRouting(Uri localBaseUrl) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var requested = request.RequestUri;
        if (requested is null || !string.Equals(requested.Host, SampleSite.PublicBaseUrl.Host, StringComparison.OrdinalIgnoreCase))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.RequestUri = new UriBuilder(requested) { Scheme = localBaseUrl.Scheme, Host = localBaseUrl.Host, Port = localBaseUrl.Port }.Uri;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The response's request is this one: the fetcher reads the final URL from it, which must stay the stable one.
            request.RequestUri = requested;
        }
    }
}
