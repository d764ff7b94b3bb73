namespace NewsIngest.Core.Pipeline;

/// <summary>Which raw pages a reparse covers; every field is optional and narrows the set.</summary>
/// <param name="Since">Only blobs written (fetched or dropped) at or after this moment.</param>
/// <param name="Host">Only blobs under this first folder: the host, for fetched pages.</param>
public sealed record ReparseFilter(DateTimeOffset? Since = null, string? Host = null);
