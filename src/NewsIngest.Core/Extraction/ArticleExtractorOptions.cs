namespace NewsIngest.Core.Extraction;

/// <summary>Limits for <see cref="ArticleExtractor"/>; the defaults suit news pages.</summary>
public sealed record ArticleExtractorOptions
{
    /// <summary>
    /// Pages longer than this many characters are cut before parsing, bounding time and memory on pathological
    /// inputs (the largest benchmark page is ~1.2 M chars; 8 M leaves ample headroom).
    /// </summary>
    public int MaxPageChars { get; init; } = 8_000_000;
}
