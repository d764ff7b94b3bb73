namespace NewsIngest.Core.Storage;

/// <summary>Where a raw page came from, as kept in its blob metadata. Every field is optional: a page dropped by hand has none.</summary>
public sealed record RawPageOrigin(Uri? SourceUrl = null, Uri? FeedUrl = null, DateTimeOffset? FetchedAt = null, string? ContentType = null);

/// <summary>
/// A raw page read back from storage: its bytes, its origin and the version read (<paramref name="ETag"/>, which every
/// write of the article made from it records). <paramref name="Length"/> is the blob's size; when it is above the read
/// limit the bytes are not downloaded and <paramref name="Content"/> is empty.
/// </summary>
public sealed record RawPage(string Name, ReadOnlyMemory<byte> Content, RawPageOrigin Origin, string ETag, DateTimeOffset LastModified, long Length)
{
    /// <summary>True when the blob was larger than the read limit, so its bytes were left unread.</summary>
    public bool IsTooLarge => Content.Length < Length;
}
