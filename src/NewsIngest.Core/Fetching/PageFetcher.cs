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

    /// <summary>
    /// Fetches an article page, unless the site's robots.txt disallows it (<see cref="FetchStatus.Disallowed"/>) or cannot be
    /// read (<see cref="FetchStatus.Failed"/>, so the page is retried later rather than lost). Feeds are not checked against
    /// robots.txt: they are endpoints the operator subscribed to, published for machines.
    /// </summary>
    public async Task<FetchResult> FetchPageAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (options.Value.RespectRobotsTxt && UrlCanonicalizer.IsHttp(url))
        {
            var rules = await robots.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (rules.DisallowAll)
            {
                return new FetchResult(FetchStatus.Failed, url) { Error = "robots.txt is unreachable; the site is not crawled until it answers." };
            }

            if (!rules.IsAllowed(url))
            {
                return new FetchResult(FetchStatus.Disallowed, url) { Error = "Disallowed by robots.txt." };
            }
        }

        return await FetchAsync(url, "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5", requireHtml: true, etag: null, lastModified: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches a feed, conditionally when validators from the previous fetch are given (an unchanged feed answers 304).</summary>
    public Task<FetchResult> FetchFeedAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken) =>
        FetchAsync(url, "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5", requireHtml: false, etag, lastModified, cancellationToken);

    private async Task<FetchResult> FetchAsync(Uri url, string accept, bool requireHtml, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        if (!UrlCanonicalizer.IsHttp(url))
        {
            return new FetchResult(FetchStatus.Refused, url) { Error = "Only http and https URLs are fetched." };
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return await ReadResponseAsync(url, response, requireHtml, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (AddressGuard.IsRefusal(ex))
        {
            LogFailed(logger, url, ex.Message);
            return new FetchResult(FetchStatus.Refused, url) { Error = ex.InnerException?.Message ?? ex.Message };
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, url, ex.Message);
            return new FetchResult(FetchStatus.Failed, url) { Error = ex.Message };
        }
        catch (Polly.ExecutionRejectedException ex)
        {
            LogFailed(logger, url, ex.Message);
            return new FetchResult(FetchStatus.Failed, url) { Error = ex.Message };
        }
    }

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
