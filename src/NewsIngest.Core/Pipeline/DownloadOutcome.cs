namespace NewsIngest.Core.Pipeline;

/// <summary>What became of one page request.</summary>
public enum DownloadOutcome
{
    /// <summary>Downloaded and stored in <c>raw-pages</c>; parsed next by whoever downloaded it (the queue trigger, the in-process cycle).</summary>
    Stored,

    /// <summary>Already stored and parsed (by an earlier or concurrent run): nothing fetched or written twice.</summary>
    Duplicate,

    /// <summary>Answered, but not a page to keep (not HTML, too large, refused, a 4xx): recorded, not retried.</summary>
    Skipped,

    /// <summary>Stored by an earlier run that stopped before its parse was recorded: parsed now, without downloading it again.</summary>
    Recovered,

    /// <summary>Failed for now (network, 5xx) and queued again: a later delivery retries it, the last one poisons it.</summary>
    Retrying,

    /// <summary>Failed on its last delivery: moved to the poison queue with the reason (<c>newsingest poison</c>).</summary>
    Failed,
}
