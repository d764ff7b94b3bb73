using NewsIngest.Evaluation.Metrics;

namespace NewsIngest.Evaluation;

/// <summary>One extractor's figures on one dataset.</summary>
public sealed record EvaluationResult(string Extractor, Aggregate Aggregate, IReadOnlyList<PageResult> Pages, SnippetTally? Snippets = null)
{
    /// <summary>Pages where the extractor returned no text at all: for an ingestion service, a lost article.</summary>
    public int EmptyBodies => Pages.Count(p => p.IsEmpty);

    public IEnumerable<PageResult> Worst(int count) => Pages.OrderBy(p => p.Score.F1).ThenBy(p => p.Id, StringComparer.Ordinal).Take(count);

    /// <summary>
    /// Pages where this result's F1 is at least <paramref name="gap"/> below <paramref name="other"/>'s on the same
    /// page, largest gap first: where the other extractor shows the article can be found, so the first to look at.
    /// </summary>
    public IReadOnlyList<PageGap> FarBelow(EvaluationResult other, double gap)
    {
        ArgumentNullException.ThrowIfNull(other);
        var theirs = other.Pages.ToDictionary(p => p.Id, StringComparer.Ordinal);
        return Pages
            .Where(p => theirs.ContainsKey(p.Id))
            .Select(p => new PageGap(p.Id, p.Score.F1, theirs[p.Id].Score.F1))
            // A hair of tolerance so a gap of exactly 0.3 counts despite floating-point rounding.
            .Where(g => g.Theirs - g.Ours >= gap - 1e-9)
            .OrderByDescending(g => g.Theirs - g.Ours)
            .ThenBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>One page's score, the body that earned it, and its snippet tally.</summary>
public sealed record PageResult(string Id, PageScore Score, string? Body, SnippetTally Snippets = default)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Body);
}

/// <summary>One page's F1 for two extractors.</summary>
public readonly record struct PageGap(string Id, double Ours, double Theirs);
