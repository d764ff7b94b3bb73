namespace NewsIngest.Core.Articles;

/// <summary>
/// The version stamps every stored article carries, kept in one place so the JSON blobs, the table rows and
/// <c>newsingest reparse</c> agree on them. The shape they describe is <c>docs/article.schema.json</c>.
/// </summary>
public static class ArticleSchema
{
    /// <summary>
    /// The version of the stored JSON shape. Raise it only with a change readers must know about (a field renamed,
    /// retyped or removed) and update <c>docs/article.schema.json</c> in the same commit.
    /// </summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// The version of the extraction rules. Raise it whenever the extractor's output may change: <c>newsingest reparse</c>
    /// counts a page as "unchanged" only when its row records this version and the raw blob's current ETag.
    /// </summary>
    public const string ExtractorVersion = "2";

    public const string SchemaVersionProperty = "schemaVersion";

    public const string ExtractorVersionProperty = "extractorVersion";
}
