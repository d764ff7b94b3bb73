namespace NewsIngest.Core.Fetching;

/// <summary>The outcome of one download, as a value: 4xx/5xx answers and network failures are results, not exceptions.</summary>
public sealed record FetchResult(FetchStatus Status, Uri Url)
{
    /// <summary>Where the content came from after redirects.</summary>
    public Uri? FinalUrl { get; init; }

    public int? HttpStatus { get; init; }

    public string? ContentType { get; init; }

    public ReadOnlyMemory<byte> Content { get; init; }

    /// <summary>Validators for the next conditional request.</summary>
    public string? ETag { get; init; }

    public string? LastModified { get; init; }

    public DateTimeOffset FetchedAt { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Why the fetch gave no content, for logs and records.</summary>
    public string? Error { get; init; }
}
