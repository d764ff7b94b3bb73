namespace NewsIngest.Core.Pipeline;

/// <summary>What became of one page request.</summary>
public enum DownloadOutcome
{
    /// <summary>Downloaded and stored in <c>raw-pages</c>.</summary>
    Stored,

    /// <summary>Already stored (by an earlier or concurrent run): nothing fetched or written twice.</summary>
    Duplicate,

    /// <summary>Answered, but not a page to keep (not HTML, too large, refused, a 4xx): recorded, not retried.</summary>
    Skipped,
}
