using Azure.Data.Tables;
using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Builds the table entities of an article: the <c>Articles</c> row and its <c>ArticlesByDay</c> projection.
/// Keys and limits are explained in docs/storage.md.
/// </summary>
public static class ArticleEntities
{
    /// <summary>A table string property holds at most 32K UTF-16 characters; the excerpt stays far below so a row never fails.</summary>
    public const int ExcerptLength = 1000;

    /// <summary>
    /// Other free-text fields (title, URL, authors…) are cut at 4,000 characters: a row then stays far under the
    /// 1 MiB entity limit whatever a page holds, and no real headline or URL comes near it.
    /// </summary>
    public const int FieldLength = 4 * ExcerptLength;

    /// <summary>The property holding the publication date's UTC offset in minutes.</summary>
    public const string PublishedOffsetProperty = "PublishedOffsetMinutes";

    /// <summary>
    /// The row of a page's article in <c>Articles</c>: partition = first folder of the blob name (the site), row = the blob name.
    /// It holds the article JSON itself when that fits (<see cref="ArticleJsonProperties"/>), else names the blob holding it.
    /// </summary>
    public static TableEntity Row(RawPage page, Article article, ArticleJsonPlacement json, string day, DateTimeOffset parsedAt)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(json);
        var body = article.Body ?? string.Empty;
        var entity = Projection(TableKeys.PartitionFor(page.Name), page, article, json.Blob, day, parsedAt);
        if (json.RowChunks is { } chunks)
        {
            ArticleJsonProperties.Write(entity, chunks);
        }

        entity[nameof(ArticleRow.BodyExcerpt)] = body.Length <= ExcerptLength ? body : body[..ExcerptLength];
        entity[nameof(ArticleRow.Source)] = Bounded(article.Source);
        entity[nameof(ArticleRow.Modified)] = article.Modified;
        entity[nameof(ArticleRow.Authors)] = article.Authors is { Count: > 0 } authors ? Bounded(string.Join("; ", authors)) : null;
        return entity;
    }

    /// <summary>The row of a page's article in <c>ArticlesByDay</c>: partition = the article's day, row = the blob name; no excerpt, no JSON.</summary>
    public static TableEntity DayRow(RawPage page, Article article, ArticleJsonPlacement json, string day, DateTimeOffset parsedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Projection(day, page, article, json.Blob, day, parsedAt);
    }

    /// <summary>
    /// The day an article is listed under: its publication date as the page gives it (its own offset), else the day
    /// the page was fetched, else the day the raw blob was written — always known, and stable across re-parses.
    /// </summary>
    public static string DayOf(RawPage page, Article article)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(article);
        return TableKeys.DayPartition(article.Published ?? page.Origin.FetchedAt ?? page.LastModified);
    }

    private static TableEntity Projection(string partition, RawPage page, Article article, string? articleBlob, string day, DateTimeOffset parsedAt) =>
        new(partition, TableKeys.RowFor(page.Name))
        {
            [nameof(ArticleRow.Title)] = Bounded(article.Title),
            [nameof(ArticleRow.Section)] = Bounded(article.Section),
            [nameof(ArticleRow.Published)] = article.Published,
            // Tables keep a DateTimeOffset as UTC only; the page's own offset is kept beside it so the row can show local time.
            [PublishedOffsetProperty] = article.Published is { } published ? (int)published.Offset.TotalMinutes : null,
            [nameof(ArticleRow.Language)] = Bounded(article.Language),
            [nameof(ArticleRow.Url)] = Bounded(article.Url),
            [nameof(ArticleRow.Site)] = SiteOf(article.Url) ?? SiteOf(page.Origin.SourceUrl?.AbsoluteUri),
            [nameof(ArticleRow.SiteName)] = Bounded(article.SiteName),
            [nameof(ArticleRow.BodyLength)] = article.Body?.Length ?? 0,
            [nameof(ArticleRow.ArticleBlob)] = articleBlob,
            [nameof(ArticleRow.RawPageBlob)] = page.Name,
            [nameof(ArticleRow.RawETag)] = page.ETag,
            [nameof(ArticleRow.ExtractorVersion)] = ArticleSchema.ExtractorVersion,
            [nameof(ArticleRow.Day)] = day,
            [nameof(ArticleRow.ParsedAt)] = parsedAt,
        };

    private static string? SiteOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host.ToLowerInvariant() : null;

    private static string? Bounded(string? value) =>
        value is { Length: > FieldLength } ? value[..FieldLength] : value;
}
