namespace NewsIngest.Core.Storage;

/// <summary>Where a raw page came from, as kept in its blob metadata. Every field is optional: a page dropped by hand has none.</summary>
public sealed record RawPageOrigin(Uri? SourceUrl = null, Uri? FeedUrl = null, DateTimeOffset? FetchedAt = null, string? ContentType = null);

/// <summary>A raw page read back from storage: its bytes, its origin and the version (ETag) read.</summary>
public sealed record RawPage(string Name, ReadOnlyMemory<byte> Content, RawPageOrigin Origin, string ETag);
