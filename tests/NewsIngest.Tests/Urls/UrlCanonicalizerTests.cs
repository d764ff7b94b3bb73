using NewsIngest.Core.Storage;
using NewsIngest.Core.Urls;

namespace NewsIngest.Tests.Urls;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://News.Example:443/a/b?utm_source=rss&utm_medium=feed#comments", "https://news.example/a/b")]
    [InlineData("http://news.example:80/a?id=3&fbclid=XYZ&gclid=1", "http://news.example/a?id=3")]
    [InlineData("https://news.example", "https://news.example/")]
    [InlineData("https://news.example:8443/a", "https://news.example:8443/a")]
    [InlineData("https://news.example/a?page=2&xtor=RSS-3", "https://news.example/a?page=2")]
    public void Canonical_form_drops_case_default_ports_fragments_and_tracking_parameters(string input, string expected)
    {
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(new Uri(input)).AbsoluteUri);
    }

    [Fact]
    public void Meaningful_query_parameters_are_kept_in_their_order()
    {
        Assert.Equal("https://news.example/s?q=a&p=2", UrlCanonicalizer.Canonicalize(new Uri("https://news.example/s?q=a&utm_x=1&p=2")).AbsoluteUri);
    }

    [Fact]
    public void Variants_of_one_article_get_one_blob_name()
    {
        var a = RawPageNames.ForUrl(new Uri("https://News.Example/a/b?utm_campaign=x#top"));
        var b = RawPageNames.ForUrl(new Uri("https://news.example:443/a/b"));
        Assert.Equal(a, b);
        Assert.Matches("^news\\.example/[0-9a-f]{64}\\.html$", a);
    }

    [Fact]
    public void Only_http_and_https_are_accepted()
    {
        Assert.Throws<ArgumentException>(() => UrlCanonicalizer.Canonicalize(new Uri("ftp://news.example/a")));
    }
}
