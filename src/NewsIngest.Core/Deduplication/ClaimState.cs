namespace NewsIngest.Core.Deduplication;

/// <summary>Where a claimed page URL stands. Stored as its name, so values may be added but never renamed.</summary>
public enum ClaimState
{
    /// <summary>
    /// Claimed by a feed poll and enqueued. A stored page keeps this state: its raw blob in <c>raw-pages</c> is the proof, which
    /// saves a table write per page; only the outcomes that need a reason (skipped, poisoned) are written back.
    /// </summary>
    Queued,

    /// <summary>Answered but not kept (not HTML, too large, disallowed by robots.txt, a 4xx): recorded in Rejections too.</summary>
    Skipped,

    /// <summary>Failed on every delivery: its message is in <c>page-requests-poison</c>, where <c>newsingest poison --requeue</c> finds it.</summary>
    Poisoned,
}
