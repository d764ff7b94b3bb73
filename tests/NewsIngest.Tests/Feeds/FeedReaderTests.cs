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

    [Fact]
    public void A_google_news_sitemap_gives_its_urls_with_news_titles_and_publication_dates()
    {
        var items = Read("""
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>https://news.example/monde/1</loc>
                <news:news><news:publication><news:name>Ex</news:name><news:language>fr</news:language></news:publication>
                  <news:publication_date>2024-03-01T08:15:00+01:00</news:publication_date><news:title>Premier titre</news:title></news:news></url>
              <url><loc>/monde/2</loc><lastmod>2024-03-02</lastmod></url>
            </urlset>
            """);
        Assert.Equal([new Uri("https://news.example/monde/1"), new Uri("https://news.example/monde/2")], items.Select(i => i.Link));
        Assert.Equal("Premier titre", items[0].Title);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 8, 15, 0, TimeSpan.FromHours(1)), items[0].Published);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 0, 0, 0, TimeSpan.Zero), items[1].Published);
    }

    [Fact]
    public void A_sitemap_index_lists_its_child_sitemaps_newest_first_and_no_articles()
    {
        var document = FeedReader.ReadDocument(new MemoryStream("""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>https://news.example/sitemap-2024-02.xml</loc><lastmod>2024-02-29</lastmod></sitemap>
              <sitemap><loc>https://news.example/sitemap-news.xml</loc><lastmod>2024-03-02T10:00:00Z</lastmod></sitemap>
            </sitemapindex>
            """u8.ToArray()), FeedUrl);
        Assert.Equal(FeedKind.SitemapIndex, document.Kind);
        Assert.Empty(document.Items);
        Assert.Equal([new Uri("https://news.example/sitemap-news.xml"), new Uri("https://news.example/sitemap-2024-02.xml")], document.ChildSitemaps.Select(c => c.Link));
    }

    [Theory]
    [InlineData("jeu., 11 mai 2017 13:47:00 +0200")]
    [InlineData("Do, 11 Mai 2017 13:47:00 +0200")]
    [InlineData("jue, 11 may 2017 13:47:00 +0200")]
    [InlineData("Thu, 11 May 2017 13:47:00 CEST")]
    [InlineData("Thu,  11 May 2017\t13:47:00 +0200")]
    [InlineData("2017-05-11T13:47:00+02:00")]
    [InlineData("2017-05-11 11:47:00Z")]
    public void Localised_and_sloppy_dates_are_read(string date)
    {
        var item = Assert.Single(Read($"<rss><channel><item><link>https://news.example/a/1</link><pubDate>{date}</pubDate></item></channel></rss>"));
        Assert.Equal(new DateTimeOffset(2017, 5, 11, 11, 47, 0, TimeSpan.Zero), item.Published?.ToUniversalTime());
    }

    [Fact]
    public void Whitespace_and_a_doubled_byte_order_mark_before_the_declaration_are_tolerated()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, (byte)'\n', (byte)' ' }
            .Concat("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><item><link>https://news.example/a/1</link></item></channel></rss>"u8.ToArray()).ToArray();
        Assert.Single(FeedReader.Read(new MemoryStream(bytes), FeedUrl));
    }

    [Fact]
    public void Items_in_odd_namespaces_are_read_by_local_name()
    {
        var rss = Read("""<rss xmlns="http://backend.userland.com/rss2" version="2.0"><channel><item><link>https://news.example/a/1</link></item></channel></rss>""");
        var atom03 = Read("""<feed xmlns="http://purl.org/atom/ns#" version="0.3"><entry><link rel="alternate" href="https://news.example/a/2"/><issued>2004-01-01T00:00:00Z</issued></entry></feed>""");
        var rss090 = Read("""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/"><item><title>t</title><link>https://news.example/a/3</link></item></rdf:RDF>""");
        Assert.Equal(new Uri("https://news.example/a/1"), Assert.Single(rss).Link);
        Assert.Equal(new Uri("https://news.example/a/2"), Assert.Single(atom03).Link);
        Assert.NotNull(atom03[0].Published);
        Assert.Equal(new Uri("https://news.example/a/3"), Assert.Single(rss090).Link);
    }

    [Fact]
    public void A_feed_nested_deeper_than_the_limit_is_refused_for_its_depth()
    {
        const int levels = 100_000;
        var xml = "<rss><channel><item><link>https://news.example/a/1</link><description>"
            + string.Concat(Enumerable.Repeat("<x>", levels)) + string.Concat(Enumerable.Repeat("</x>", levels))
            + "</description></item></channel></rss>";

        var error = Assert.Throws<FeedFormatException>(() => Read(xml));

        Assert.Contains($"more than {FeedReader.MaxNestingDepth} levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_outside_the_items_counts_against_the_limit_too()
    {
        var deep = string.Concat(Enumerable.Repeat("<x>", FeedReader.MaxNestingDepth)) + string.Concat(Enumerable.Repeat("</x>", FeedReader.MaxNestingDepth));
        Assert.Throws<FeedFormatException>(() => Read($"<feed xmlns=\"http://www.w3.org/2005/Atom\"><extension>{deep}</extension></feed>"));
    }

    [Fact]
    public void An_item_with_nesting_within_the_limit_is_read_with_the_text_of_its_nested_markup()
    {
        const int levels = 200; // rss, channel, item, title and 200 levels: within the limit
        var title = string.Concat(Enumerable.Repeat("<b>", levels)) + "Titre" + string.Concat(Enumerable.Repeat("</b>", levels));
        var item = Assert.Single(Read($"<rss><channel><item><title>{title}</title><link>https://news.example/a/1</link></item></channel></rss>"));
        Assert.Equal("Titre", item.Title);
    }

    [Fact]
    public void A_feed_that_nests_without_end_is_refused_after_its_first_kilobytes_are_read()
    {
        // Endless "<x>" after the item: a reader that loads the whole document first reads until the stream's tripwire.
        using var content = new EndlessNestingStream("<rss><channel><item><link>https://news.example/a/1</link>"u8.ToArray(), tripwire: 8 * 1024 * 1024);

        var error = Assert.Throws<FeedFormatException>(() => FeedReader.Read(content, FeedUrl));

        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
        Assert.InRange(content.BytesRead, 1, 64 * 1024);
    }

    [Fact]
    public void Items_are_read_the_same_from_a_stream_that_cannot_seek_with_junk_split_across_reads()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'\n', 0xEF, 0xBB, 0xBF }
            .Concat("<rss><channel><item><link>https://news.example/a/1</link></item></channel></rss>"u8.ToArray()).ToArray();
        using var content = new TrickleStream(bytes);
        Assert.Equal(new Uri("https://news.example/a/1"), Assert.Single(FeedReader.Read(content, FeedUrl)).Link);
    }

    /// <summary>A forward-only stream of a prefix then "&lt;x&gt;" forever; throws past the tripwire so a regression fails, not hangs.</summary>
    private sealed class EndlessNestingStream(byte[] prefix, long tripwire) : ForwardOnlyStream
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (BytesRead > tripwire)
            {
                throw new InvalidOperationException($"Read {BytesRead} bytes of an endless feed.");
            }

            for (var i = 0; i < count; i++, BytesRead++)
            {
                buffer[offset + i] = BytesRead < prefix.Length ? prefix[BytesRead] : "<x>"u8[(int)((BytesRead - prefix.Length) % 3)];
            }

            return count;
        }
    }

    /// <summary>A forward-only stream that hands out its bytes two at a time, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] bytes) : ForwardOnlyStream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 2), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }

    /// <summary>A stream that can only be read forward, as a network response is.</summary>
    private abstract class ForwardOnlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
