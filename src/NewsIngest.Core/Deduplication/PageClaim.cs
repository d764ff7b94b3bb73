namespace NewsIngest.Core.Deduplication;

/// <summary>One row of the <c>PageClaims</c> table: a canonical article URL, who claimed it and what became of it.</summary>
public sealed record PageClaim(Uri Url, ClaimState State, DateTimeOffset ClaimedAt)
{
    public Uri? FeedUrl { get; init; }

    /// <summary>The last failure, for pages being retried or poisoned.</summary>
    public string? LastError { get; init; }

    public int Attempts { get; init; }

    /// <summary>Until when a <see cref="ClaimState.Queued"/> claim vouches for its message; null on rows written before leases.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }
}
