namespace NewsIngest.Core.Storage;

/// <summary>
/// Where an article's JSON is stored: in its <c>Articles</c> row when it fits (<see cref="RowChunks"/>), else in the blob
/// <see cref="Blob"/> of the <c>articles</c> container, which the row then names. Exactly one of the two is set.
/// </summary>
public sealed record ArticleJsonPlacement(string Json, IReadOnlyList<string>? RowChunks, string? Blob)
{
    public bool InRow => RowChunks is not null;

    /// <summary>The row when the JSON fits it, else the page's article blob (<see cref="RawPageNames.ArticleBlobFor"/>).</summary>
    public static ArticleJsonPlacement For(RawPage page, string json)
    {
        ArgumentNullException.ThrowIfNull(page);
        var chunks = ArticleJsonProperties.Split(json);
        return new ArticleJsonPlacement(json, chunks, chunks is null ? RawPageNames.ArticleBlobFor(page.Name) : null);
    }
}
