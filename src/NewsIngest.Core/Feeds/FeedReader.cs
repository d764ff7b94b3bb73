using System.Xml;
using System.Xml.Linq;

namespace NewsIngest.Core.Feeds;

/// <summary>
/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 (and 0.3), news sitemaps and sitemap indexes into <see cref="FeedItem"/>s.
/// Lenient with what real feeds get wrong: whitespace or a stray BOM before the XML declaration, elements in odd or missing
/// namespaces (matched by local name), relative links, missing ids, localised or malformed dates. Strict where it matters:
/// a DTD is refused, so no entity expansion and no external entities (XXE). See docs/fetching.md for why this is hand-written.
/// </summary>
public static class FeedReader
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>The feed's items in document order; links are resolved against <paramref name="feedUrl"/>, non-http links dropped.</summary>
    public static IReadOnlyList<FeedItem> Read(Stream content, Uri feedUrl) => ReadDocument(content, feedUrl).Items;

    /// <summary>The whole document: items, and for a sitemap index the child sitemaps.</summary>
    public static FeedDocument ReadDocument(Stream content, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(feedUrl);
        var root = Load(content, feedUrl);
        return root.Name.LocalName switch
        {
            "rss" => Document(FeedKind.Rss2, Children(Children(root, "channel"), "item").Select(item => ReadRssItem(item, feedUrl))),
            "RDF" when root.Name.Namespace == Rdf => Document(FeedKind.Rss1, Children([root], "item").Select(item => ReadRdfItem(item, feedUrl))),
            "feed" => Document(FeedKind.Atom, Children([root], "entry").Select(entry => ReadAtomEntry(entry, feedUrl))),
            "urlset" => SitemapReader.ReadUrlSet(root, feedUrl),
            "sitemapindex" => SitemapReader.ReadIndex(root, feedUrl),
            _ => throw new FeedFormatException($"Feed {feedUrl} has an unknown root element <{root.Name.LocalName}>."),
        };
    }

    /// <summary>An item for an http(s) link resolved against the feed; null for a missing or non-http link.</summary>
    internal static FeedItem? CreateItem(string? link, Uri feedUrl, string? title, string? date, string? id)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(feedUrl, link.Trim(), out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return new FeedItem(url, title?.Trim(), FeedDates.Parse(date), id?.Trim());
    }

    private static XElement Load(Stream content, Uri feedUrl)
    {
        try
        {
            using var reader = XmlReader.Create(SkipLeadingJunk(content), SafeSettings);
            return XDocument.Load(reader).Root ?? throw new FeedFormatException($"Feed {feedUrl} is empty.");
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"Feed {feedUrl} is not well-formed XML or declares a DTD: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Skips whitespace and repeated UTF-8 byte order marks before the first <c>&lt;</c>: CMS templates often emit a newline or a
    /// second BOM before the XML declaration, which XML forbids but every browser tolerates. UTF-16 documents are left alone.
    /// </summary>
    private static MemoryStream SkipLeadingJunk(Stream content)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var start = 0;
        while (start < bytes.Length)
        {
            if (bytes[start..].StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                start += 3;
            }
            else if (bytes[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                start++;
            }
            else
            {
                break;
            }
        }

        return new MemoryStream(buffer.GetBuffer(), start, (int)buffer.Length - start, writable: false);
    }

    private static FeedDocument Document(FeedKind kind, IEnumerable<FeedItem?> items) => new(kind, items.OfType<FeedItem>().ToList(), []);

    private static FeedItem? ReadRssItem(XElement item, Uri feedUrl)
    {
        var link = Child(item, "link");
        var guid = item.Elements().FirstOrDefault(e => e.Name.LocalName == "guid");
        if (string.IsNullOrWhiteSpace(link) && guid is not null && (string?)guid.Attribute("isPermaLink") != "false")
        {
            link = guid.Value;
        }

        return CreateItem(link, feedUrl, Child(item, "title"), Child(item, "pubDate") ?? Child(item, "date"), guid?.Value);
    }

    private static FeedItem? ReadRdfItem(XElement item, Uri feedUrl)
    {
        var about = (string?)item.Attribute(Rdf + "about");
        return CreateItem(Child(item, "link") ?? about, feedUrl, Child(item, "title"), Child(item, "date"), about);
    }

    private static FeedItem? ReadAtomEntry(XElement entry, Uri feedUrl)
    {
        var links = entry.Elements().Where(e => e.Name.LocalName == "link").ToList();
        var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        return CreateItem((string?)link?.Attribute("href") ?? link?.Value, feedUrl, Child(entry, "title"),
            Child(entry, "published") ?? Child(entry, "issued") ?? Child(entry, "updated") ?? Child(entry, "modified"), Child(entry, "id"));
    }

    private static IEnumerable<XElement> Children(IEnumerable<XElement> parents, string localName) =>
        parents.Elements().Where(e => e.Name.LocalName == localName);

    private static IEnumerable<XElement> Children(XElement parent, string localName) => Children([parent], localName);

    private static string? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
