using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;

namespace NewsIngest.Core.Fetching;

/// <summary>
/// Bounds every request of the pipeline, body included, by <see cref="FetchOptions.RequestTimeout"/>: the resilience
/// handler's timeouts end at the response headers, so a server that sends its headers and then stalls, trickles a byte a
/// second or streams without end would otherwise hold the caller for ever. Past the deadline a read throws
/// <see cref="TimeoutException"/> with the reason. Pages, feeds and robots.txt all go through it, so none can forget it.
/// </summary>
public sealed class RequestDeadlineHandler(IOptions<FetchOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = options.Value.RequestTimeout;
        var deadline = new CancellationTokenSource(timeout, time);
        try
        {
            HttpResponseMessage response;
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token))
            {
                try
                {
                    response = await base.SendAsync(request, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{request.RequestUri} did not complete within {timeout.TotalSeconds:0.#} s: no response headers.", ex);
                }
            }

            response.Content = new DeadlineContent(response.Content, deadline, request.RequestUri, timeout);
            deadline = null; // the content owns it now, and disposes it with the response
            return response;
        }
        finally
        {
            deadline?.Dispose();
        }
    }
}
