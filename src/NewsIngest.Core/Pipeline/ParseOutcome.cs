namespace NewsIngest.Core.Pipeline;

/// <summary>What became of one raw page.</summary>
public enum ParseOutcome
{
    /// <summary>An article was extracted and stored (JSON blob and table row).</summary>
    Parsed,

    /// <summary>No article could be made of it; the reason is in the <c>Rejections</c> table and the raw blob stays.</summary>
    Rejected,

    /// <summary>Already stored from this raw version by the current extractor: left as it was (reparse only).</summary>
    Unchanged,
}
