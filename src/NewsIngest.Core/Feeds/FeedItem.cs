namespace NewsIngest.Core.Feeds;

/// <summary>One entry of a feed: the article link and what the feed says about it.</summary>
public sealed record FeedItem(Uri Link, string? Title = null, DateTimeOffset? Published = null, string? Id = null);
