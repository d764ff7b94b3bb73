namespace NewsIngest.Core.Feeds;

/// <summary>What one feed document holds: article items, and for a sitemap index the child sitemaps to read next.</summary>
public sealed record FeedDocument(FeedKind Kind, IReadOnlyList<FeedItem> Items, IReadOnlyList<FeedItem> ChildSitemaps);
