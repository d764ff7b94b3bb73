using System.Text;
using NewsIngest.Core.Extraction;

namespace NewsIngest.Tests.Extraction;

public sealed class RobustnessTests
{
    private static readonly ArticleExtractor Extractor = new();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html></html>")]
    [InlineData("just some text without markup")]
    [InlineData("<script>var x = '<p>not content</p>';</script>")]
    public void Degenerate_pages_give_an_article_without_throwing(string html)
    {
        var article = Extractor.Extract(html, new PageContext(new Uri("https://example.org/a")));
        Assert.Equal("https://example.org/a", article.Url);
        Assert.DoesNotContain("not content", article.Body ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_do_not_throw()
    {
        var bytes = new byte[20_000];
        new Random(42).NextBytes(bytes);
        _ = Extractor.Extract(bytes, PageContext.Empty);
    }

    [Fact]
    public void Very_deep_nesting_does_not_overflow_the_stack()
    {
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < 5000; i++)
        {
            html.Append("<div>");
        }

        html.Append("<p>Texte au fond de la page.</p></body></html>");
        _ = Extractor.Extract(html.ToString(), PageContext.Empty);
    }

    [Fact]
    public void Invalid_json_ld_is_ignored()
    {
        var page = PageBuilder.Article(head: "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": oops,,}</script>");
        var article = Extractor.Extract(page, PageContext.Empty);
        Assert.Equal("Budget : la commune investit", article.Title);
        Assert.NotNull(article.Body);
    }
}
