using Azure.Data.Tables;

namespace NewsIngest.Core.Storage;

/// <summary>
/// One row of the <c>Articles</c> table (or its projection in <c>ArticlesByDay</c>): the article's metadata, a bounded
/// excerpt, its full JSON (or the name of the blob holding it), and the raw page version and extractor version it was made from.
/// </summary>
public sealed record ArticleRow
{
    public required string RawPageBlob { get; init; }

    /// <summary>The <c>articles</c> blob holding the JSON, for an article too long for its row; null when the row holds it.</summary>
    public string? ArticleBlob { get; init; }

    /// <summary>The article JSON exactly as stored, when this <c>Articles</c> row holds it; null otherwise (and in <c>ArticlesByDay</c>).</summary>
    public string? Json { get; init; }

    public string? Title { get; init; }
    public string? Section { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Language { get; init; }
    public string? Url { get; init; }
    public string? Site { get; init; }
    public string? SiteName { get; init; }
    public string? Authors { get; init; }
    public string? BodyExcerpt { get; init; }
    public int BodyLength { get; init; }
    public DateTimeOffset? ParsedAt { get; init; }

    /// <summary>The ETag of the raw blob version this row was extracted from.</summary>
    public string? RawETag { get; init; }

    /// <summary>The <see cref="Articles.ArticleSchema.ExtractorVersion"/> that produced this row.</summary>
    public string? ExtractorVersion { get; init; }

    /// <summary>The row's partition in <c>ArticlesByDay</c> (<c>yyyy-MM-dd</c>).</summary>
    public string? Day { get; init; }

    public static ArticleRow FromEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new ArticleRow
        {
            RawPageBlob = entity.GetString(nameof(RawPageBlob)) ?? TableKeys.Decode(entity.RowKey),
            ArticleBlob = entity.GetString(nameof(ArticleBlob)),
            Json = ArticleJsonProperties.Read(entity),
            Title = entity.GetString(nameof(Title)),
            Section = entity.GetString(nameof(Section)),
            Source = entity.GetString(nameof(Source)),
            Published = WithOffset(entity.GetDateTimeOffset(nameof(Published)), entity.GetInt32(ArticleEntities.PublishedOffsetProperty)),
            Modified = entity.GetDateTimeOffset(nameof(Modified)),
            Language = entity.GetString(nameof(Language)),
            Url = entity.GetString(nameof(Url)),
            Site = entity.GetString(nameof(Site)),
            SiteName = entity.GetString(nameof(SiteName)),
            Authors = entity.GetString(nameof(Authors)),
            BodyExcerpt = entity.GetString(nameof(BodyExcerpt)),
            BodyLength = entity.GetInt32(nameof(BodyLength)) ?? 0,
            ParsedAt = entity.GetDateTimeOffset(nameof(ParsedAt)),
            RawETag = entity.GetString(nameof(RawETag)),
            ExtractorVersion = entity.GetString(nameof(ExtractorVersion)),
            Day = entity.GetString(nameof(Day)),
        };
    }

    private static DateTimeOffset? WithOffset(DateTimeOffset? utc, int? offsetMinutes) =>
        utc is { } value && offsetMinutes is { } minutes ? value.ToOffset(TimeSpan.FromMinutes(minutes)) : utc;
}
