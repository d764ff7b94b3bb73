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

    /// <summary>Allows loopback and private-network addresses (local test servers); off in production to guard against SSRF.</summary>
    public bool AllowPrivateAddresses { get; init; }
}
