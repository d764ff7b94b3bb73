namespace NewsIngest.Core.Deduplication;

/// <summary>Where a claimed page URL stands. Stored as its name, so values may be added but never renamed.</summary>
public enum ClaimState
{
    /// <summary>
    /// Claimed by a feed poll and enqueued, until its lease (<c>LeaseUntil</c>) runs out. A page stored and parsed keeps this state:
    /// its raw blob and its <c>Articles</c> (or <c>Rejections</c>) row are the proof, which saves a table write per page. The first
    /// poll that lists it again after its lease looks for that proof and marks it <see cref="Done"/>, or takes the claim over and
    /// enqueues the page again when the proof is missing (its message was lost).
    /// </summary>
    Queued,

    /// <summary>Answered but not kept (not HTML, too large, disallowed by robots.txt, a 4xx): recorded in Rejections too.</summary>
    Skipped,

    /// <summary>Failed on every delivery: its message is in <c>page-requests-poison</c>, where <c>newsingest poison --requeue</c> finds it.</summary>
    Poisoned,

    /// <summary>Stored and parsed (an article or a rejection records its raw version), as found by a poll after the claim's lease.</summary>
    Done,
}
