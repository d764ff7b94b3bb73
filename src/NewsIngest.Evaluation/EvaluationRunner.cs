using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Extractors;
using NewsIngest.Evaluation.Metrics;

namespace NewsIngest.Evaluation;

/// <summary>Runs an extractor over a dataset and scores every page with the dataset's own metric and snippets.</summary>
public static class EvaluationRunner
{
    public static EvaluationResult Run(BenchmarkDataset dataset, IBodyExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(extractor);
        var metric = dataset.Metric;
        var pages = new PageResult[dataset.Pages.Count];
        Parallel.For(0, dataset.Pages.Count, i =>
        {
            var page = dataset.Pages[i];
            var body = extractor.ExtractBody(page);
            pages[i] = new PageResult(page.Id, metric.Score(page.ExpectedBody, body), body, SnippetCheck.Check(page, body));
        });

        var snippets = dataset.HasSnippets ? pages.Aggregate(default(SnippetTally), (sum, p) => sum + p.Snippets) : (SnippetTally?)null;
        return new EvaluationResult(extractor.Name, metric.Aggregate(pages.Select(p => p.Score)), pages, snippets);
    }
}
