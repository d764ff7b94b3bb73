namespace NewsIngest.Core.Pipeline;

/// <summary>What one pass over the feeds found.</summary>
public sealed record FeedPollSummary(int Feeds, int NotModified, int FailedFeeds, int NewItems, int Duplicates, IReadOnlyList<PageRequest> Enqueued)
{
    /// <summary>Feeds the private-address (SSRF) guard refused to connect to: loopback, private or link-local addresses.</summary>
    public IReadOnlyList<Uri> RefusedFeeds { get; init; } = [];
}
