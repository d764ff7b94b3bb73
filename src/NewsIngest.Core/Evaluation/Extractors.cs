using NewsIngest.Core.Extraction;
using NewsIngest.Core.Extraction.Decoding;

namespace NewsIngest.Core.Evaluation;

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

/// <summary>SmartReader (the C# Readability port) on the same decoded text.</summary>
public sealed class SmartReaderBodyExtractor : IBodyExtractor
{
    public string Name => "SmartReader";

    public string? ExtractBody(BenchmarkPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var html = PageDecoder.Decode(page.Html, null);
        try
        {
            var article = new SmartReader.Reader(page.Url ?? "https://example.invalid/", html).GetArticle();
            return article.IsReadable ? article.TextContent : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            return null;
        }
    }
}
