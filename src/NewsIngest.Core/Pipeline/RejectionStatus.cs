namespace NewsIngest.Core.Pipeline;

/// <summary>The statuses a rejected page is recorded with: a short, stable vocabulary for queries and alerts.</summary>
public static class RejectionStatus
{
    /// <summary>The blob has no bytes, or only whitespace.</summary>
    public const string Empty = "empty";

    /// <summary>The blob is not an HTML page: a PDF, an image, binary data, text without markup.</summary>
    public const string NotHtml = "not-html";

    /// <summary>The blob is larger than <c>NewsIngest:Parse:MaxPageBytes</c>; it is not read.</summary>
    public const string TooLarge = "too-large";

    /// <summary>The markup nests deeper than the parser may safely follow.</summary>
    public const string TooDeep = "too-deep";

    /// <summary>The extractor failed on the page (a bug or a page it cannot handle), not storage.</summary>
    public const string ExtractionFailed = "extraction-failed";

    /// <summary>The page parsed but holds no article text.</summary>
    public const string NoArticle = "no-article";

    /// <summary>
    /// Storage refused a request of this page (a 4xx, not an outage) during <c>reparse</c>. Recorded without the raw ETag, so
    /// the next reparse tries the page again rather than counting it unchanged.
    /// </summary>
    public const string StorageFailed = "storage-failed";
}
