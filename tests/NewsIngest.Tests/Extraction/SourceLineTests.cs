using NewsIngest.Core.Extraction;
using NewsIngest.Core.Extraction.Content;

namespace NewsIngest.Tests.Extraction;

public sealed class SourceLineTests
{
    private static readonly ArticleExtractor Extractor = new();

    [Theory]
    [InlineData("<p>Source: agences et rédaction</p>", "agences et rédaction")]
    [InlineData("<p>Source : AFP</p>", "AFP")]
    [InlineData("<p>Source&nbsp;: AFP</p>", "AFP")]
    [InlineData("<p>Source\u202F: Insee</p>", "Insee")]
    [InlineData("<p>Sources : AFP, Reuters</p>", "AFP, Reuters")]
    [InlineData("<p><strong>Source :</strong> ministère de l'Intérieur</p>", "ministère de l'Intérieur")]
    [InlineData("<p><b>Source: Reuters</b></p>", "Reuters")]
    [InlineData("<p><em>Source : rédaction avec AFP</em></p>", "rédaction avec AFP")]
    [InlineData("<p><i>Sources&nbsp;: Inrap</i></p>", "Inrap")]
    [InlineData("<p class=\"article__credit\"><em>Source : communiqué de la Ville</em></p>", "communiqué de la Ville")]
    public void Closing_credit_line_becomes_the_source_and_leaves_the_body(string line, string expected)
    {
        var article = Extractor.Extract(PageBuilder.Article(bodyTail: line), PageContext.Empty);
        Assert.Equal(expected, article.Source);
        Assert.DoesNotContain("Source", article.Body, StringComparison.Ordinal);
        Assert.EndsWith("demeurait fragile.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Afp_dateline_is_not_a_source_line()
    {
        var page = PageBuilder.Article().Replace("<p>Le conseil municipal", "<p>Alès (AFP) - Le conseil municipal", StringComparison.Ordinal);
        var article = Extractor.Extract(page, PageContext.Empty);
        Assert.Null(article.Source);
        Assert.StartsWith("Alès (AFP) - Le conseil municipal", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_without_credit_line_has_no_source()
    {
        Assert.Null(Extractor.Extract(PageBuilder.Article(), PageContext.Empty).Source);
    }

    [Theory]
    [InlineData("La source : une enquête de l'Insee publiée mardi et reprise par de nombreux médias nationaux, qui détaille les chiffres du chômage dans chaque région de France métropolitaine et d'outre-mer.")]
    [InlineData("Sourcils froncés, le maire a répondu.")]
    public void Prose_mentioning_a_source_is_not_a_credit_line(string text)
    {
        Assert.Null(BodyAssembler.SourceValue(text));
    }
}
