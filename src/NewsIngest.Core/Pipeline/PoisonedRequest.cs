namespace NewsIngest.Core.Pipeline;

/// <summary>
/// A page request that failed every delivery: a message in <c>page-requests-poison</c> (with why, when the page's claim recorded
/// it), or a claim marked poisoned whose message is gone (<see cref="MessageId"/> null).
/// </summary>
public sealed record PoisonedRequest(string? MessageId, DateTimeOffset? InsertedOn, Uri? Url, Uri? FeedUrl, string? Reason, string Body);
