using NewsIngest.Evaluation;
using NewsIngest.Evaluation.Datasets;
using NewsIngest.Evaluation.Extractors;
using NewsIngest.Evaluation.Metrics;
using NewsIngest.Tests.Extraction;

namespace NewsIngest.Tests.Evaluation;

public sealed class EvaluationRunnerTests : IDisposable
{
    private readonly BenchmarkFolder _shingleSet = new BenchmarkFolder("article-set")
        .Add("page-a", PageBuilder.Article(), new { articleBody = ExpectedBody, url = "https://example.org/a" })
        .Add("page-b", PageBuilder.Article(bodyTail: "<p>Source : AFP</p>"), new { articleBody = ExpectedBody, url = "https://example.org/b" })
        .Add("page-missing", null, new { articleBody = "no html file for this one", url = "https://example.org/c" });

    private readonly BenchmarkFolder _snippetSet = new BenchmarkFolder("article-set-with-snippets")
        .Add("page-a", PageBuilder.Article(), new
        {
            articleBody = ExpectedBody,
            url = "https://example.org/a",
            with = new[] { "le budget primitif de la commune", "not in the page at all" },
            without = new[] { "Accueil", "Le Journal" },
        });

    private static string ExpectedBody => string.Join("\n\n", PageBuilder.Paragraphs.Split("</p>", StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace("<p>", string.Empty, StringComparison.Ordinal)));

    [Fact]
    public void Dataset_loader_reads_gzipped_pages_and_skips_truths_without_a_page()
    {
        var dataset = BenchmarkDataset.Load(_shingleSet.Path);
        Assert.Equal(["page-a", "page-b"], dataset.Pages.Select(p => p.Id));
        Assert.Equal("https://example.org/a", dataset.Pages[0].Url);
        Assert.Equal("article-set", dataset.Name);
    }

    [Fact]
    public void Ground_truth_with_snippet_fields_is_scored_with_word_f1_and_plain_ground_truth_with_shingles()
    {
        Assert.Same(ShingleMetric.Instance, BenchmarkDataset.Load(_shingleSet.Path).Metric);
        var wcxb = BenchmarkDataset.Load(_snippetSet.Path);
        Assert.Same(WordMultisetMetric.Instance, wcxb.Metric);
        Assert.Equal(["le budget primitif de la commune", "not in the page at all"], wcxb.Pages[0].With);
        Assert.Equal(["Accueil", "Le Journal"], wcxb.Pages[0].Without);
    }

    [Fact]
    public void Runner_scores_every_page_for_each_extractor()
    {
        var dataset = BenchmarkDataset.Load(_shingleSet.Path);
        var ours = EvaluationRunner.Run(dataset, new NewsIngestBodyExtractor());
        var theirs = EvaluationRunner.Run(dataset, new SmartReaderBodyExtractor());
        Assert.Equal(2, ours.Pages.Count);
        Assert.Equal(1, ours.Aggregate.F1, 3);
        Assert.Equal(0, ours.EmptyBodies);
        Assert.Null(ours.Snippets);
        Assert.Equal(2, theirs.Pages.Count);
        Assert.InRange(theirs.Aggregate.F1, 0, 1);
    }

    [Fact]
    public void Runner_tallies_with_and_without_snippets_when_the_dataset_has_them()
    {
        var result = EvaluationRunner.Run(BenchmarkDataset.Load(_snippetSet.Path), new NewsIngestBodyExtractor());
        Assert.Equal(1, result.Aggregate.F1, 3);
        // The body holds the first "with" snippet, not the invented one, and none of the page chrome.
        Assert.Equal(new SnippetTally(1, 2, 2, 2), result.Snippets);
    }

    [Fact]
    public void Empty_bodies_are_counted_and_pages_far_below_the_other_extractor_are_listed_largest_gap_first()
    {
        var folder = new BenchmarkFolder("gaps");
        try
        {
            foreach (var id in new[] { "a", "b", "c", "d" })
            {
                folder.Add(id, "<p>x</p>", new { articleBody = "one two three four", with = Array.Empty<string>() });
            }

            var dataset = BenchmarkDataset.Load(folder.Path);
            var ours = EvaluationRunner.Run(dataset, new FixedExtractor("ours", new() { ["a"] = "one two three four", ["b"] = null, ["c"] = "one two", ["d"] = " " }));
            var theirs = EvaluationRunner.Run(dataset, new FixedExtractor("theirs", new() { ["a"] = "one", ["b"] = "one two three four", ["c"] = "one two three four", ["d"] = "one two three four" }));

            Assert.Equal(2, ours.EmptyBodies); // null and whitespace-only
            // a: ours above; b, d: 1 − 0 = 1; c: ours F1 2/3, theirs 1, a gap of 1/3.
            Assert.Equal(["b", "d", "c"], ours.FarBelow(theirs, 0.3).Select(g => g.Id));
            Assert.Equal(["b", "d"], ours.FarBelow(theirs, 0.5).Select(g => g.Id));
        }
        finally
        {
            folder.Dispose();
        }
    }

    public void Dispose()
    {
        _shingleSet.Dispose();
        _snippetSet.Dispose();
    }

    private sealed class FixedExtractor(string name, Dictionary<string, string?> bodies) : IBodyExtractor
    {
        public string Name => name;

        public string? ExtractBody(BenchmarkPage page) => bodies[page.Id];
    }
}
