namespace NewsIngest.Core.Storage;

/// <summary>A raw page that gave no article.</summary>
public sealed record Rejection(string Blob, string Status, string Reason, DateTimeOffset? RejectedAt);
