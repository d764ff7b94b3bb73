using System.Text;
using NewsIngest.Core.Feeds;

namespace NewsIngest.Tests.Feeds;

public sealed class FeedReaderTests
{
    private static readonly Uri FeedUrl = new("https://news.example/rss/une.xml");

    private static IReadOnlyList<FeedItem> Read(string xml, Encoding? encoding = null) =>
        FeedReader.Read(new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(xml)), FeedUrl);

    [Fact]
    public void Rss2_items_give_their_links_titles_and_dates_in_order()
    {
        var items = Read("""
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Une</title>
              <item><title>Premier</title><link>https://news.example/a/1</link><pubDate>Thu, 11 May 2017 13:47:00 +0300</pubDate></item>
              <item><title>Second</title><link>https://news.example/a/2</link><pubDate>Fri, 12 May 2017 08:00:00 GMT</pubDate></item>
            </channel></rss>
            """);
        Assert.Equal([new Uri("https://news.example/a/1"), new Uri("https://news.example/a/2")], items.Select(i => i.Link));
        Assert.Equal("Premier", items[0].Title);
        Assert.Equal(new DateTimeOffset(2017, 5, 11, 13, 47, 0, TimeSpan.FromHours(3)), items[0].Published);
        Assert.Equal(new DateTimeOffset(2017, 5, 12, 8, 0, 0, TimeSpan.Zero), items[1].Published);
    }

    [Fact]
    public void Relative_links_are_resolved_against_the_feed_and_a_permalink_guid_stands_in_for_a_missing_link()
    {
        var items = Read("""
            <rss version="2.0"><channel>
              <item><title>Relatif</title><link>/monde/article-3</link></item>
              <item><title>Sans lien</title><guid>https://news.example/b/4</guid></item>
              <item><title>Guid opaque</title><guid isPermaLink="false">xyz-5</guid></item>
            </channel></rss>
            """);
        Assert.Equal([new Uri("https://news.example/monde/article-3"), new Uri("https://news.example/b/4")], items.Select(i => i.Link));
    }

    [Fact]
    public void Atom_entries_use_their_alternate_link()
    {
        var items = Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
              <entry><title>A</title><link rel="self" href="https://news.example/self/1"/><link rel="alternate" href="https://news.example/a/1"/>
                <id>urn:1</id><published>2017-05-11T13:47:00+03:00</published></entry>
              <entry><title>B</title><link href="https://news.example/a/2"/><id>urn:2</id><updated>2017-05-12T10:00:00Z</updated></entry>
            </feed>
            """);
        Assert.Equal([new Uri("https://news.example/a/1"), new Uri("https://news.example/a/2")], items.Select(i => i.Link));
        Assert.Equal(TimeSpan.FromHours(3), items[0].Published!.Value.Offset);
    }

    [Fact]
    public void Rss1_rdf_items_are_read()
    {
        var items = Read("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://news.example/"><title>t</title></channel>
              <item rdf:about="https://news.example/a/1"><title>A</title><link>https://news.example/a/1</link><dc:date>2017-05-11T13:47:00+02:00</dc:date></item>
            </rdf:RDF>
            """);
        var item = Assert.Single(items);
        Assert.Equal(new Uri("https://news.example/a/1"), item.Link);
        Assert.NotNull(item.Published);
    }

    [Fact]
    public void A_byte_order_mark_before_the_declaration_is_accepted()
    {
        var items = Read("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><item><link>https://news.example/a/1</link></item></channel></rss>", new UTF8Encoding(true));
        Assert.Single(items);
    }

    [Fact]
    public void A_feed_declaring_a_dtd_with_entities_is_refused()
    {
        var error = Assert.Throws<FeedFormatException>(() => Read("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&xxe;</title><link>https://news.example/a/1</link></item></channel></rss>
            """));
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_served_as_a_feed_is_a_format_error_not_a_crash()
    {
        Assert.Throws<FeedFormatException>(() => Read("<html><body><p>Not a feed</body></html>"));
    }

    [Fact]
    public void Unreadable_dates_are_left_out_rather_than_guessed()
    {
        var item = Assert.Single(Read("<rss><channel><item><link>https://news.example/a/1</link><pubDate>jeudi dernier</pubDate></item></channel></rss>"));
        Assert.Null(item.Published);
    }

    [Fact]
    public void Non_http_links_are_dropped()
    {
        Assert.Empty(Read("<rss><channel><item><link>javascript:alert(1)</link></item><item><link>mailto:a@b.c</link></item></channel></rss>"));
    }
}
