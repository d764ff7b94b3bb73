using NewsIngest.Core.Extraction;
using NewsIngest.Core.Urls;
using NewsIngest.Tests.Extraction;

namespace NewsIngest.Tests.Urls;

/// <summary>The article URL a page may claim: its fetch URL, refined only on the same site and only with http(s).</summary>
public sealed class ArticleUrlRuleTests
{
    private static readonly ArticleExtractor Extractor = new();

    private static readonly Uri Fetched = new("https://www.news.example/politique/budget-2024?utm_source=rss#haut");

    private static string? UrlOf(string head, Uri? fetched) => Extractor.Extract(PageBuilder.Article(head: head), new PageContext(fetched)).Url;

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://www.news.example/politique/budget-2024")]
    public void A_fetched_pages_non_http_canonical_leaves_the_fetched_url(string canonical)
    {
        Assert.Equal("https://www.news.example/politique/budget-2024", UrlOf($"<link rel=\"canonical\" href=\"{canonical}\">", Fetched));
    }

    [Theory]
    [InlineData("https://other.example/politique/budget-2024")]
    [InlineData("https://news.example.evil.example/a")]
    [InlineData("https://sport.news.example/a")] // a sibling host is not proven to be the same site
    [InlineData("//other.example/a")]
    [InlineData("http://127.0.0.1/a")]
    public void A_fetched_pages_canonical_on_another_host_leaves_the_fetched_url(string canonical)
    {
        Assert.Equal("https://www.news.example/politique/budget-2024", UrlOf($"<link rel=\"canonical\" href=\"{canonical}\">", Fetched));
    }

    [Theory]
    [InlineData("https://www.news.example/politique/budget", "https://www.news.example/politique/budget")]
    [InlineData("https://news.example/politique/budget#x", "https://news.example/politique/budget")]
    [InlineData("http://m.news.example/politique/budget?utm_medium=x&id=4", "http://m.news.example/politique/budget?id=4")]
    [InlineData("/politique/budget", "https://www.news.example/politique/budget")]
    public void A_fetched_pages_canonical_on_the_same_site_refines_the_url_canonicalised(string canonical, string expected)
    {
        Assert.Equal(expected, UrlOf($"<link rel=\"canonical\" href=\"{canonical}\">", Fetched));
    }

    [Fact]
    public void A_fetched_pages_og_url_refines_the_url_only_under_the_same_rule()
    {
        Assert.Equal("https://news.example/a", UrlOf("<link rel=\"canonical\" href=\"https://other.example/a\"><meta property=\"og:url\" content=\"https://news.example/a\">", Fetched));
        Assert.Equal("https://www.news.example/politique/budget-2024", UrlOf("<meta property=\"og:url\" content=\"javascript:alert(1)\">", Fetched));
    }

    [Theory]
    [InlineData("<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"https://news.example/a\">", "https://news.example/a")]
    [InlineData("<link rel=\"canonical\" href=\"/relative/a\"><meta property=\"og:url\" content=\"https://news.example/b\">", "https://news.example/b")]
    [InlineData("<link rel=\"canonical\" href=\"https://any.example/a?utm_source=x\">", "https://any.example/a?utm_source=x")]
    [InlineData("<link rel=\"canonical\" href=\"javascript:alert(1)\"><meta property=\"og:url\" content=\"mailto:a@b.example\">", null)]
    [InlineData("", null)]
    public void A_dropped_page_keeps_only_an_absolute_http_canonical_link_else_og_url(string head, string? expected)
    {
        Assert.Equal(expected, UrlOf(head, fetched: null));
    }

    [Theory]
    [InlineData("https://news.example/a", "https://www.news.example/b", true)]
    [InlineData("https://m.news.example/a", "https://amp.news.example/b", true)]
    [InlineData("https://NEWS.example./a", "http://news.example/b", true)]
    [InlineData("https://news.example/a", "https://sport.news.example/b", false)]
    [InlineData("https://www.example/a", "https://example/b", false)]
    [InlineData("https://news.example/a", "https://news.example.evil.example/b", false)]
    [InlineData("http://127.0.0.1/a", "http://127.0.0.1:8080/b", true)]
    [InlineData("http://127.0.0.1/a", "http://localhost/b", false)]
    public void Two_urls_are_the_same_site_when_their_hosts_match_but_for_a_www_m_or_amp_label(string first, string second, bool same)
    {
        Assert.Equal(same, SiteDomain.AreSameSite(new Uri(first), new Uri(second)));
    }
}
