using System.ComponentModel.DataAnnotations;

namespace NewsIngest.Core.Configuration;

/// <summary>How pages and feeds are downloaded: bound from <c>NewsIngest:Fetch</c>.</summary>
public sealed class FetchOptions
{
    public const string SectionName = "NewsIngest:Fetch";

    /// <summary>Sent with every request so site owners can see who we are and how to reach us.</summary>
    [Required, MinLength(3)]
    public string UserAgent { get; init; } = "NewsIngest/1.0 (+https://github.com/newsingest/newsingest)";

    /// <summary>Pages larger than this (after decompression) are refused, counted while streaming. 5 MiB holds any real article page.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public long MaxPageBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Time allowed for one attempt; the resilience pipeline retries transient failures within <see cref="TotalTimeout"/>.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Time allowed for one request including its retries.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Time allowed for one request from the moment it holds its host slot to the last byte of its body: headers (with the
    /// retries of <see cref="TotalTimeout"/>) and the whole body. A server that stalls, trickles or streams without end is cut
    /// here and the page fails transiently (retried, then poisoned). 2 minutes read 5 MiB at 45 KB/s.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Allows loopback and private-network addresses (local test servers); off in production to guard against SSRF.</summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>
    /// Hosts (<c>host</c> or <c>host:port</c>) reachable even though they resolve to private addresses, when
    /// <see cref="AllowPrivateAddresses"/> is off: a narrow hole for a known local server, every other private address stays refused.
    /// </summary>
    public IList<string> AllowedPrivateHosts { get; init; } = [];

    /// <summary>Requests in flight to one host at a time. 2 is the usual courtesy limit of polite crawlers.</summary>
    [Range(1, 64)]
    public int PerHostConcurrency { get; init; } = 2;

    /// <summary>
    /// Minimum time between the starts of two requests to one host; a larger robots.txt <c>Crawl-delay</c> wins.
    /// 1 s keeps us far below what any news site notices, and 2,000 pages of one site still take only about half an hour.
    /// </summary>
    public TimeSpan MinDelayPerHost { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Requests in flight across all hosts, per process: bounds sockets and memory (each page is buffered up to <see cref="MaxPageBytes"/>).</summary>
    [Range(1, 1024)]
    public int GlobalConcurrency { get; init; } = 32;

    /// <summary>Whether pages disallowed by the site's robots.txt for our User-Agent token are skipped. Off only for sites we own.</summary>
    public bool RespectRobotsTxt { get; init; } = true;

    /// <summary>How long a host's robots.txt is trusted; RFC 9309 asks crawlers not to cache it for more than 24 hours.</summary>
    public TimeSpan RobotsTxtCacheDuration { get; init; } = TimeSpan.FromHours(12);

    /// <summary>
    /// How long a robots.txt that could not be read (5xx, 429, network failure, stall) holds its site back before it is asked
    /// again; each further failure in a row doubles it, up to <see cref="RobotsTxtFailureMaxBackoff"/>.
    /// </summary>
    public TimeSpan RobotsTxtFailureBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest a site whose robots.txt keeps failing waits between two attempts to read it.</summary>
    public TimeSpan RobotsTxtFailureMaxBackoff { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Crawl-delays above this are capped: a site asking for an hour between pages is read at this pace instead.</summary>
    public TimeSpan MaxCrawlDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The product token robots.txt groups are matched against: the User-Agent up to its first <c>/</c> or space.</summary>
    public string RobotsToken => UserAgent.Split('/', ' ')[0];
}
