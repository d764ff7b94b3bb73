using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Urls;

namespace NewsIngest.Core.Politeness;

/// <summary>
/// Each site's robots.txt, fetched once through the same guarded, throttled pipeline as pages and kept for
/// <see cref="FetchOptions.RobotsTxtCacheDuration"/>. Keyed by scheme, host and port, as RFC 9309 scopes it.
/// </summary>
public sealed partial class RobotsTxtCache(
    IHttpClientFactory httpClientFactory,
    HostThrottle throttle,
    IOptions<FetchOptions> options,
    TimeProvider time,
    ILogger<RobotsTxtCache> logger)
{
    /// <summary>RFC 9309 §2.5: crawlers must parse at least 500 KiB; we read no more.</summary>
    private const int MaxRobotsBytes = 500 * 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public async Task<RobotsRules> GetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var site = url.GetLeftPart(UriPartial.Authority);
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(site, _ => new Entry(0), (_, old) => old.IsStale(now) ? old.Next() : old);
        var rules = await entry.Rules(() => LoadAsync(new Uri(site + "/robots.txt"), url.IdnHost)).WaitAsync(cancellationToken).ConfigureAwait(false);
        // A failure is kept only for a back-off that grows while the site keeps failing, never for the life of the process.
        var keep = rules.DisallowAll
            ? FailureBackoff(options.Value.RobotsTxtFailureBackoff, options.Value.RobotsTxtFailureMaxBackoff, entry.EarlierFailures)
            : options.Value.RobotsTxtCacheDuration;
        entry.ExpireAt(time.GetUtcNow() + keep, failed: rules.DisallowAll);
        return rules;
    }

    /// <summary>The wait after a failed read: <paramref name="first"/>, doubled for each failure in a row before it, at most <paramref name="max"/>.</summary>
    public static TimeSpan FailureBackoff(TimeSpan first, TimeSpan max, int earlierFailures)
    {
        var factor = Math.Pow(2, Math.Min(earlierFailures, 30));
        return first * factor < max ? first * factor : max;
    }

    private async Task<RobotsRules> LoadAsync(Uri robotsUrl, string host)
    {
        try
        {
            var client = httpClientFactory.CreateClient(PageFetcher.HttpClientName);
            using var response = await GetFollowingRedirectsAsync(client, robotsUrl).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if ((status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests) || PageFetcher.IsRedirect(response.StatusCode))
            {
                return RobotsRules.AllowAll; // RFC 9309 §2.3.1.2-3: a 4xx or too many redirects is "unavailable": no restrictions.
            }

            if (!response.IsSuccessStatusCode)
            {
                LogUnreachable(logger, robotsUrl, $"HTTP {status}");
                return RobotsRules.UnreachableBecause($"HTTP {status}");
            }

            var text = await ReadPrefixAsync(response.Content).ConfigureAwait(false);
            var rules = RobotsTxtParser.Parse(text, options.Value.RobotsToken);
            throttle.SetCrawlDelay(host, rules.CrawlDelay);
            return rules;
        }
        catch (Exception ex) when (AddressGuard.IsRefusal(ex))
        {
            return RobotsRules.AllowAll; // the page request will be refused by the same guard and recorded as such
        }
        catch (Exception ex)
        {
            // Any failure to read robots.txt — a 5xx, a stall past RequestTimeout, a connection cut mid-body — is "unreachable",
            // kept for a back-off only: a faulted load must never stay cached and block the host until the process restarts.
            LogUnreachable(logger, robotsUrl, ex.Message);
            return RobotsRules.UnreachableBecause(PageFetcher.Describe(ex));
        }
    }

    /// <summary>RFC 9309 §2.3.1.2: follow at least five redirects; a sixth 3xx is taken as "unavailable".</summary>
    private static async Task<HttpResponseMessage> GetFollowingRedirectsAsync(HttpClient client, Uri url)
    {
        for (var hop = 0; ; hop++)
        {
            var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (hop >= 5 || !PageFetcher.IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            url = new Uri(url, location);
            response.Dispose();
            if (!UrlCanonicalizer.IsHttp(url))
            {
                throw new HttpRequestException($"robots.txt redirected to a non-http URL: {url}");
            }
        }
    }

    private static async Task<string> ReadPrefixAsync(HttpContent content)
    {
        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxRobotsBytes];
            int total = 0, read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total)).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "robots.txt at {Url} is unreachable ({Reason}): the site is not crawled until it answers")]
    private static partial void LogUnreachable(ILogger logger, Uri url, string reason);

    /// <summary>One site's rules: loaded once however many callers ask at the same time.</summary>
    /// <param name="earlierFailures">How many reads of this site's robots.txt failed in a row just before this one.</param>
    private sealed class Entry(int earlierFailures)
    {
        private readonly Lock _lock = new();
        private Task<RobotsRules>? _rules;
        private DateTimeOffset _expires = DateTimeOffset.MaxValue;
        private bool _failed;

        public int EarlierFailures => earlierFailures;

        public Task<RobotsRules> Rules(Func<Task<RobotsRules>> load)
        {
            lock (_lock)
            {
                return _rules ??= load();
            }
        }

        public void ExpireAt(DateTimeOffset when, bool failed)
        {
            lock (_lock)
            {
                _failed = failed;
                if (when < _expires)
                {
                    _expires = when;
                }
            }
        }

        public bool IsStale(DateTimeOffset now)
        {
            lock (_lock)
            {
                return now >= _expires;
            }
        }

        /// <summary>The entry that replaces this stale one, counting this one's failure if it failed.</summary>
        public Entry Next()
        {
            lock (_lock)
            {
                return new Entry(_failed ? earlierFailures + 1 : 0);
            }
        }
    }
}
