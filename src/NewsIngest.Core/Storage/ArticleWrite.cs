namespace NewsIngest.Core.Storage;

/// <summary>What <see cref="ArticleStore.SaveAsync(RawPage, Articles.Article, CancellationToken)"/> did.</summary>
public enum ArticleWrite
{
    /// <summary>The rows (and, for an article too long for its row, the JSON blob) now hold this raw page version's article.</summary>
    Written,

    /// <summary>They already held it (same raw ETag, same extractor version): nothing was rewritten.</summary>
    Unchanged,

    /// <summary>The raw blob changed (or went) while this version was being parsed: the newer version's parse owns the article.</summary>
    Superseded,
}
