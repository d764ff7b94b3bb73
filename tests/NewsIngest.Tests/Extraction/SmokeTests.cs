using NewsIngest.Core.Extraction;

namespace NewsIngest.Tests.Extraction;

public sealed class SmokeTests
{
    [Fact]
    public void Extractor_returns_the_headline_of_a_simple_page()
    {
        var article = new ArticleExtractor().Extract("<html><body><article><h1>Titre</h1><p>Texte.</p></article></body></html>", PageContext.Empty);
        Assert.Equal("Titre", article.Title);
    }
}
