using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;

namespace NewsIngest.Core.Fetching;

/// <summary>
/// The SSRF guard on the request's target host, before the request is sent. The connect-time guard sees only the peer the
/// socket connects to, which is the proxy when one is configured (<c>HTTP_PROXY</c>); this handler checks the target
/// however the request is routed. Outermost in the pipeline, so a refused request never waits for a host slot.
/// </summary>
public sealed class TargetAddressHandler(IOptions<FetchOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        await AddressGuard.ResolveAllowedAsync(target.IdnHost, target.Port, options.Value, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
