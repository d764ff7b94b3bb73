namespace NewsIngest.Core.Pipeline;

/// <summary>A message in <c>page-requests-poison</c>, with why it failed when the page's claim recorded it.</summary>
public sealed record PoisonedRequest(string MessageId, DateTimeOffset? InsertedOn, Uri? Url, Uri? FeedUrl, string? Reason, string Body);
