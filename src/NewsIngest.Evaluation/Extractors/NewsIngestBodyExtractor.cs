using NewsIngest.Core.Extraction;
using NewsIngest.Evaluation.Datasets;

namespace NewsIngest.Evaluation.Extractors;

/// <summary>Our <see cref="ArticleExtractor"/> on the raw bytes.</summary>
public sealed class NewsIngestBodyExtractor : IBodyExtractor
{
    private readonly ArticleExtractor _extractor = new();

    public string Name => "NewsIngest";

    public string? ExtractBody(BenchmarkPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return _extractor.Extract(page.Html, new PageContext(page.Uri)).Body;
    }
}
