namespace NewsIngest.Core.Pipeline;

/// <summary>What one pass over the feeds found.</summary>
public sealed record FeedPollSummary(int Feeds, int NotModified, int FailedFeeds, int NewItems, int Duplicates, IReadOnlyList<PageRequest> Enqueued);
