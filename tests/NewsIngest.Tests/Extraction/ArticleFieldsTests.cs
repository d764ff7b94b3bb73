using NewsIngest.Core.Extraction;

namespace NewsIngest.Tests.Extraction;

public sealed class ArticleFieldsTests
{
    private static readonly ArticleExtractor Extractor = new();

    [Fact]
    public void Body_paragraphs_are_joined_by_blank_lines_without_headline_navigation_or_footer()
    {
        var article = Extractor.Extract(PageBuilder.Article(), PageContext.Empty);
        var paragraphs = article.Body!.Split("\n\n");
        Assert.Equal(4, paragraphs.Length);
        Assert.StartsWith("Le conseil municipal", paragraphs[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Budget : la commune investit", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Accueil", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("©", article.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<div class=\"ad-slot\"><span>Publicité</span></div>")]
    [InlineData("<p class=\"lire-aussi\">Lire aussi : <a href=\"/x\">Le budget de l'an dernier</a></p>")]
    [InlineData("<div class=\"newsletter-box\"><p>Recevez chaque matin l'essentiel de l'actualité de votre commune.</p></div>")]
    [InlineData("<div class=\"sharedaddy\"><a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a></div>")]
    [InlineData("<figure><img src=\"a.jpg\"><figcaption>Le conseil municipal réuni mardi soir.</figcaption></figure>")]
    public void Boilerplate_inside_the_body_container_is_left_out(string boilerplate)
    {
        var page = PageBuilder.Article().Replace("</p><p>L'opposition", "</p>" + boilerplate + "<p>L'opposition", StringComparison.Ordinal);
        var body = Extractor.Extract(page, PageContext.Empty).Body!;
        Assert.Equal(4, body.Split("\n\n").Length);
    }

    [Fact]
    public void Url_prefers_canonical_then_og_url_then_the_fetch_url()
    {
        var fetched = new Uri("https://example.org/fetched?utm_source=x");
        var canonical = PageBuilder.Article(head: "<link rel=\"canonical\" href=\"https://example.org/a\"><meta property=\"og:url\" content=\"https://example.org/b\">");
        var ogOnly = PageBuilder.Article(head: "<meta property=\"og:url\" content=\"https://example.org/b\">");
        Assert.Equal("https://example.org/a", Extractor.Extract(canonical, new PageContext(fetched)).Url);
        Assert.Equal("https://example.org/b", Extractor.Extract(ogOnly, new PageContext(fetched)).Url);
        Assert.Equal("https://example.org/fetched", Extractor.Extract(PageBuilder.Article(), new PageContext(fetched)).Url); // canonicalised
    }

    [Fact]
    public void Relative_canonical_is_made_absolute_against_the_fetch_url()
    {
        var page = PageBuilder.Article(head: "<link rel=\"canonical\" href=\"/politique/budget\">");
        Assert.Equal("https://example.org/politique/budget", Extractor.Extract(page, new PageContext(new Uri("https://example.org/x"))).Url);
    }

    [Theory]
    [InlineData("<html lang=\"fr-FR\">", "", "fr")]
    [InlineData("<html>", "<meta property=\"og:locale\" content=\"en_GB\">", "en")]
    [InlineData("<html>", "<meta http-equiv=\"content-language\" content=\"de\">", "de")]
    public void Language_is_the_iso_639_1_primary_subtag(string htmlTag, string head, string expected)
    {
        var page = PageBuilder.Article(head: head).Replace("<html lang=\"fr\">", htmlTag, StringComparison.Ordinal);
        Assert.Equal(expected, Extractor.Extract(page, PageContext.Empty).Language);
    }

    [Fact]
    public void Json_ld_gives_section_authors_dates_and_tags()
    {
        const string jsonLd = """
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Le Journal"},
            {"@type":"NewsArticle","headline":"Budget : la commune investit","articleSection":"Politique","keywords":["budget","commune"],
            "datePublished":"2024-03-05T18:30:00+01:00","dateModified":"2024-03-06T08:00:00+01:00",
            "author":[{"@type":"Person","name":"Claire Dumoulin"},{"@type":"Person","name":"Théo Marchetti"}],
            "publisher":{"@type":"Organization","name":"Le Journal"}}]}</script>
            """;
        var article = Extractor.Extract(PageBuilder.Article(head: jsonLd), PageContext.Empty);
        Assert.Equal("Politique", article.Section);
        Assert.Equal(["Claire Dumoulin", "Théo Marchetti"], article.Authors);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 18, 30, 0, TimeSpan.FromHours(1)), article.Published);
        Assert.Equal(TimeSpan.FromHours(1), article.Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 3, 6, 8, 0, 0, TimeSpan.FromHours(1)), article.Modified);
        Assert.Equal(["budget", "commune"], article.Tags);
        Assert.Equal("Le Journal", article.SiteName);
    }

    [Fact]
    public void Published_time_meta_beats_a_time_element_and_keeps_its_offset()
    {
        var page = PageBuilder.Article(
            head: "<meta property=\"article:published_time\" content=\"2017-05-11T13:47:00+03:00\">",
            beforeBody: "<time datetime=\"2017-05-12T10:00:00Z\">hier</time>");
        Assert.Equal("2017-05-11T13:47:00+03:00", Extractor.Extract(page, PageContext.Empty).Published!.Value.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Relative_visible_date_only_gives_no_published_date()
    {
        var page = PageBuilder.Article(beforeBody: "<div class=\"submitted\">Publié il y a 2 heures</div>");
        Assert.Null(Extractor.Extract(page, PageContext.Empty).Published);
    }

    [Fact]
    public void French_visible_date_gets_the_paris_offset()
    {
        var page = PageBuilder.Article(beforeBody: "<div class=\"date\">Publié le 11/05/2017 à 13h47</div>");
        Assert.Equal(new DateTimeOffset(2017, 5, 11, 13, 47, 0, TimeSpan.FromHours(2)), Extractor.Extract(page, PageContext.Empty).Published);
    }

    [Fact]
    public void Byline_gives_the_author_and_stays_out_of_the_body()
    {
        var page = PageBuilder.Article(beforeBody: "<div class=\"byline\">Par <a href=\"/auteurs/claire-dumoulin\">Claire Dumoulin</a></div>");
        var article = Extractor.Extract(page, PageContext.Empty);
        Assert.Equal(["Claire Dumoulin"], article.Authors);
        Assert.DoesNotContain("Dumoulin", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_comes_from_the_breadcrumb_when_nothing_else_names_it()
    {
        var page = PageBuilder.Article(beforeBody: "<nav class=\"breadcrumb\"><a href=\"/\">Accueil</a> &gt; <a href=\"/politique\">Politique</a></nav>");
        Assert.Equal("Politique", Extractor.Extract(page, PageContext.Empty).Section);
    }

    [Fact]
    public void Story_hidden_until_a_script_runs_is_still_extracted()
    {
        var page = PageBuilder.Article().Replace("<main>", "<main style=\"display: none\">", StringComparison.Ordinal);
        Assert.StartsWith("Le conseil municipal", Extractor.Extract(page, PageContext.Empty).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Hidden_boxes_inside_the_story_stay_hidden()
    {
        var page = PageBuilder.Article(bodyTail: "<div hidden><p>Texte masqué qui ne doit jamais apparaître dans le corps de l'article publié.</p></div>");
        Assert.DoesNotContain("masqué", Extractor.Extract(page, PageContext.Empty).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Extractor_is_safe_to_share_between_threads()
    {
        var pages = Enumerable.Range(0, 64).Select(i => PageBuilder.Article(bodyTail: $"<p>Paragraphe numéro {i} ajouté pour distinguer les pages entre elles lors du test de concurrence.</p>")).ToArray();
        var expected = pages.Select(p => Extractor.Extract(p, PageContext.Empty).Body).ToArray();
        var actual = new string?[pages.Length];
        Parallel.For(0, pages.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = Extractor.Extract(pages[i], PageContext.Empty).Body);
        Assert.Equal(expected, actual);
    }
}
