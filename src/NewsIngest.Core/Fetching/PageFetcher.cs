using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Politeness;
using NewsIngest.Core.Urls;

namespace NewsIngest.Core.Fetching;

/// <summary>Downloads pages and feeds through the one resilient, size-limited HTTP pipeline; answers with a <see cref="FetchResult"/>.</summary>
public sealed partial class PageFetcher(IHttpClientFactory httpClientFactory, RobotsTxtCache robots, IOptions<FetchOptions> options, ILogger<PageFetcher> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> registered with its resilience pipeline.</summary>
    public const string HttpClientName = "NewsIngest";

    private static readonly string[] HtmlMediaTypes = ["text/html", "application/xhtml+xml"];

    /// <summary>At most this many redirects are followed; the next 3xx is the answer (recorded as skipped).</summary>
    public const int MaxRedirects = 10;

    /// <summary>
    /// Fetches an article page, unless the site's robots.txt disallows it (<see cref="FetchStatus.Disallowed"/>) or cannot be
    /// read (<see cref="FetchStatus.Failed"/>, so the page is retried later rather than lost). Every redirect hop is checked
    /// against its own site's robots.txt. Feeds are not checked against robots.txt: they are endpoints the operator
    /// subscribed to, published for machines.
    /// </summary>
    public Task<FetchResult> FetchPageAsync(Uri url, CancellationToken cancellationToken) =>
        FetchAsync(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", isPage: true, etag: null, lastModified: null, cancellationToken);

    /// <summary>Fetches a feed, conditionally when validators from the previous fetch are given (an unchanged feed answers 304).</summary>
    public Task<FetchResult> FetchFeedAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        FetchAsync(url, "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5", isPage: false, etag, lastModified, cancellationToken);

    /// <summary>
    /// Follows redirects here rather than in the socket handler, so each hop goes through the whole pipeline — the target
    /// host's throttle, circuit breaker and, for pages, robots.txt — and the address guard, as the first request does.
    /// </summary>
    private async Task<FetchResult> FetchAsync(Uri url, string accept, bool isPage, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var current = url;
        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            for (var hop = 0; ; hop++)
            {
                if (!UrlCanonicalizer.IsHttp(current))
                {
                    return new FetchResult(FetchStatus.Refused, url) { FinalUrl = current, Error = "Only http and https URLs are fetched." };
                }

                if (isPage && await CheckRobotsAsync(url, current, cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    return refusal;
                }

                using var request = CreateRequest(current, accept, etag, lastModified);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                if (hop < MaxRedirects && IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    current = new Uri(current, location);
                    continue;
                }

                return await ReadResponseAsync(url, response, requireHtml: isPage, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException ex) when (AddressGuard.IsRefusal(ex))
        {
            LogFailed(logger, url, ex.Message);
            return new FetchResult(FetchStatus.Refused, url) { Error = ex.InnerException?.Message ?? ex.Message };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever a server does — time out, stall (TimeoutException), cut the body (HttpIOException), break the protocol —
            // is this URL's failure, reported as a value the queue retries; only the caller's own cancellation propagates.
            LogFailed(logger, url, ex.Message);
            return new FetchResult(FetchStatus.Failed, url) { FinalUrl = current, Error = Describe(ex) };
        }
    }

    /// <summary>The reason recorded for a failure: the message, with its type when the message alone does not say what happened.</summary>
    internal static string Describe(Exception exception) => exception switch
    {
        TimeoutException or HttpRequestException => exception.Message,
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private async Task<FetchResult?> CheckRobotsAsync(Uri url, Uri current, CancellationToken cancellationToken)
    {
        if (!options.Value.RespectRobotsTxt)
        {
            return null;
        }

        var rules = await robots.GetAsync(current, cancellationToken).ConfigureAwait(false);
        if (rules.DisallowAll)
        {
            return new FetchResult(FetchStatus.Failed, url) { FinalUrl = current, Error = $"robots.txt of {current.Authority} is unreachable ({rules.UnreachableReason}); the site is not crawled until it answers." };
        }

        return rules.IsAllowed(current) ? null : new FetchResult(FetchStatus.Disallowed, url) { FinalUrl = current, Error = $"Disallowed by robots.txt: {current}" };
    }

    private static HttpRequestMessage CreateRequest(Uri url, string accept, string? etag, string? lastModified)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        return request;
    }

    /// <summary>The redirects a browser follows for a GET; 300 and 304 are answers.</summary>
    internal static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<FetchResult> ReadResponseAsync(Uri url, HttpResponseMessage response, bool requireHtml, CancellationToken cancellationToken)
    {
        var result = new FetchResult(FetchStatus.Ok, url)
        {
            FinalUrl = response.RequestMessage?.RequestUri ?? url,
            HttpStatus = (int)response.StatusCode,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified?.ToString("R"),
        };
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return result with { Status = FetchStatus.NotModified };
        }

        if (!response.IsSuccessStatusCode)
        {
            return result with { Status = FetchStatus.HttpError, Error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}" };
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (requireHtml && mediaType is not null && !HtmlMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return result with { Status = FetchStatus.NotHtml, Error = $"Content-Type {mediaType} is not HTML." };
        }

        var limit = options.Value.MaxPageBytes;
        if (response.Content.Headers.ContentLength > limit)
        {
            return result with { Status = FetchStatus.TooLarge, Error = $"Declared length {response.Content.Headers.ContentLength} exceeds {limit} bytes." };
        }

        var content = await ReadLimitedAsync(response.Content, limit, cancellationToken).ConfigureAwait(false);
        return content is null
            ? result with { Status = FetchStatus.TooLarge, Error = $"Content exceeds {limit} bytes." }
            : result with { Content = content };
    }

    /// <summary>Counts bytes as they arrive (after decompression), so neither a lying length nor a gzip bomb gets past the limit.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching {Url} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, Uri url, string reason);
}
