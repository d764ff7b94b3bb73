namespace NewsIngest.Core.Pipeline;

/// <summary>What became of one raw page.</summary>
public enum ParseOutcome
{
    /// <summary>An article was extracted and stored (table rows holding its JSON).</summary>
    Parsed,

    /// <summary>No article could be made of it; the reason is in the <c>Rejections</c> table and the raw blob stays.</summary>
    Rejected,

    /// <summary>Nothing to do: already stored from this raw version by the current extractor (reparse), or the blob is gone.</summary>
    Unchanged,

    /// <summary>
    /// <c>reparse</c> only: storage refused one of the page's requests with an error that is the page's, not an outage (a 4xx);
    /// logged, recorded as a <see cref="RejectionStatus.StorageFailed"/> rejection, and tried again by the next reparse.
    /// </summary>
    Failed,
}
