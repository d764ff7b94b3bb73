using NewsIngest.Core.Extraction.Decoding;
using NewsIngest.Evaluation.Datasets;

namespace NewsIngest.Evaluation.Extractors;

/// <summary>SmartReader (the C# Readability port) on the same decoded text.</summary>
public sealed class SmartReaderBodyExtractor : IBodyExtractor
{
    public string Name => "SmartReader";

    /// <summary>SmartReader's article from a page's raw bytes, decoded as ours are; it throws on some malformed pages.</summary>
    public static SmartReader.Article Read(ReadOnlySpan<byte> html, string? url) =>
        new SmartReader.Reader(url ?? "https://example.invalid/", PageDecoder.Decode(html, null)).GetArticle();

    public string? ExtractBody(BenchmarkPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            var article = Read(page.Html, page.Url);
            return article.IsReadable ? article.TextContent : null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            return null;
        }
    }
}
