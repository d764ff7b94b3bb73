namespace NewsIngest.Core.Configuration;

/// <summary>How long a page's claim vouches for its queue message: bound from <c>NewsIngest:Claims</c>.</summary>
public sealed class ClaimOptions
{
    public const string SectionName = "NewsIngest:Claims";

    /// <summary>
    /// A claim still <c>Queued</c> this long after it was claimed (or last re-queued), whose page is not stored and parsed, is
    /// presumed to have lost its message (a crash between claim and enqueue, an expired message) and the next poll that lists
    /// the page takes it over and enqueues it again. 30 minutes outlasts what a live message can take: a crashed function's or
    /// cycle's message reappears after 10 minutes (the receive visibility), a failing page is re-queued (and its lease renewed)
    /// every 30 s, and a first read of a large sitemap drains in minutes at the per-host limits. A message still waiting past the
    /// lease is at worst doubled, and the create-only raw store keeps one copy of its page.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(30);
}
