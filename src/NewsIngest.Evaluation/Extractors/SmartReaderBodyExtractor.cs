using NewsIngest.Core.Extraction.Decoding;
using NewsIngest.Evaluation.Datasets;

namespace NewsIngest.Evaluation.Extractors;

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
