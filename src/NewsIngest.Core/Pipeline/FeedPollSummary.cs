namespace NewsIngest.Core.Pipeline;

/// <summary>
/// What one pass over the feeds found: counts only, so a run over 10,000 feeds holds no list of the pages it enqueued (the
/// queue has them).
/// </summary>
public sealed record FeedPollSummary(int Feeds, int NotModified, int FailedFeeds, int NewItems, int Duplicates)
{
    /// <summary>Feeds the private-address (SSRF) guard refused to connect to: loopback, private or link-local addresses.</summary>
    public IReadOnlyList<Uri> RefusedFeeds { get; init; } = [];
}
