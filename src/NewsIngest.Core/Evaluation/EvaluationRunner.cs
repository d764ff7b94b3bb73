namespace NewsIngest.Core.Evaluation;

/// <summary>Runs extractors over a dataset and scores every page with <see cref="ShingleMetric"/>.</summary>
public static class EvaluationRunner
{
    public static EvaluationResult Run(BenchmarkDataset dataset, IBodyExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(extractor);
        var pages = new PageResult[dataset.Pages.Count];
        Parallel.For(0, dataset.Pages.Count, i =>
        {
            var page = dataset.Pages[i];
            var body = extractor.ExtractBody(page);
            pages[i] = new PageResult(page.Id, ShingleMetric.Score(page.ExpectedBody, body), body);
        });
        return new EvaluationResult(extractor.Name, ShingleMetric.Aggregate(pages.Select(p => p.Score)), pages);
    }
}

/// <summary>One extractor's figures on one dataset.</summary>
public sealed record EvaluationResult(string Extractor, Aggregate Aggregate, IReadOnlyList<PageResult> Pages)
{
    public IEnumerable<PageResult> Worst(int count) => Pages.OrderBy(p => p.Score.F1).ThenBy(p => p.Id, StringComparer.Ordinal).Take(count);
}

/// <summary>One page's score and the body that earned it.</summary>
public sealed record PageResult(string Id, PageScore Score, string? Body);
