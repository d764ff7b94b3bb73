namespace NewsIngest.Core.Politeness;

/// <summary>One concurrency slot of a host: the lease holding it (empty when free) and when it frees itself.</summary>
public sealed record HostLeaseSlot(string Owner, long UntilTicks)
{
    public static HostLeaseSlot Free { get; } = new(string.Empty, 0);
}
