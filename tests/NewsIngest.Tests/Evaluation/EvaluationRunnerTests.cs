using System.IO.Compression;
using System.Text;
using System.Text.Json;
using NewsIngest.Core.Evaluation;
using NewsIngest.Tests.Extraction;

namespace NewsIngest.Tests.Evaluation;

public sealed class EvaluationRunnerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "newsingest-eval-" + Guid.NewGuid().ToString("N"));

    public EvaluationRunnerTests()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "html"));
        WritePage("page-a", PageBuilder.Article());
        WritePage("page-b", PageBuilder.Article(bodyTail: "<p>Source : AFP</p>"));
        var truth = new Dictionary<string, object>
        {
            ["page-a"] = new { articleBody = ExpectedBody, url = "https://example.org/a" },
            ["page-b"] = new { articleBody = ExpectedBody, url = "https://example.org/b" },
            ["page-missing"] = new { articleBody = "no html file for this one", url = "https://example.org/c" },
        };
        File.WriteAllText(Path.Combine(_directory, "ground-truth.json"), JsonSerializer.Serialize(truth));
    }

    private static string ExpectedBody => string.Join("\n\n", PageBuilder.Paragraphs.Split("</p>", StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace("<p>", string.Empty, StringComparison.Ordinal)));

    [Fact]
    public void Dataset_loader_reads_gzipped_pages_and_skips_truths_without_a_page()
    {
        var dataset = BenchmarkDataset.Load(_directory);
        Assert.Equal(["page-a", "page-b"], dataset.Pages.Select(p => p.Id));
        Assert.Equal("https://example.org/a", dataset.Pages[0].Url);
    }

    [Fact]
    public void Runner_scores_every_page_for_each_extractor()
    {
        var dataset = BenchmarkDataset.Load(_directory);
        var ours = EvaluationRunner.Run(dataset, new NewsIngestBodyExtractor());
        var theirs = EvaluationRunner.Run(dataset, new SmartReaderBodyExtractor());
        Assert.Equal(2, ours.Pages.Count);
        Assert.Equal(1, ours.Aggregate.F1, 3);
        Assert.Equal(2, theirs.Pages.Count);
        Assert.InRange(theirs.Aggregate.F1, 0, 1);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void WritePage(string id, string html)
    {
        using var file = File.Create(Path.Combine(_directory, "html", id + ".html.gz"));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(html));
    }
}
