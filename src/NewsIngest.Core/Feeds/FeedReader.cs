using System.Xml;

namespace NewsIngest.Core.Feeds;

/// <summary>
/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF), Atom 1.0 (and 0.3), news sitemaps and sitemap indexes into <see cref="FeedItem"/>s.
/// Lenient with what real feeds get wrong: whitespace or a stray BOM before the XML declaration, elements in odd or missing
/// namespaces (matched by local name), relative links, missing ids, localised or malformed dates. Strict where it matters:
/// a DTD is refused, so no entity expansion and no external entities (XXE), and so is markup nested deeper than
/// <see cref="MaxNestingDepth"/>. See docs/fetching.md for why this is hand-written.
/// </summary>
/// <remarks>
/// Streams: one forward pass of an <see cref="XmlReader"/>, each entry read on its own (<see cref="FeedElement"/>) and dropped,
/// so time is linear and memory is one entry, whatever the feed's size or nesting. Loading the whole document as an
/// <c>XDocument</c> took 1.2 s at 20,000 levels of nesting, 27.8 s at 80,000 and never finished at 600,000 (docs/reliability.md).
/// </remarks>
public static class FeedReader
{
    /// <summary>
    /// The deepest element nesting a feed may have. Feeds themselves go 4 or 5 levels deep (rss, channel, item, media:group,
    /// media:content); an Atom entry's XHTML content adds the nesting of an article body, which real pages keep under 60.
    /// </summary>
    public const int MaxNestingDepth = 256;

    /// <summary>How far below an entry its children are kept: a sitemap url's news:news holds the title and date.</summary>
    private const int EntryLevels = 2;

    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>The feed's items in document order; links are resolved against <paramref name="feedUrl"/>, non-http links dropped.</summary>
    public static IReadOnlyList<FeedItem> Read(Stream content, Uri feedUrl) => ReadDocument(content, feedUrl).Items;

    /// <summary>The whole document: items, and for a sitemap index the child sitemaps.</summary>
    public static FeedDocument ReadDocument(Stream content, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(feedUrl);
        try
        {
            using var reader = XmlReader.Create(LeadingJunk.Skip(content), SafeSettings);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new FeedFormatException($"Feed {feedUrl} is empty.");
            }

            var kind = KindOf(reader, feedUrl);
            var entries = ReadEntries(reader, kind, feedUrl);
            return kind switch
            {
                FeedKind.Rss2 => Document(kind, entries.Select(item => ReadRssItem(item, feedUrl))),
                FeedKind.Rss1 => Document(kind, entries.Select(item => ReadRdfItem(item, feedUrl))),
                FeedKind.Atom => Document(kind, entries.Select(entry => ReadAtomEntry(entry, feedUrl))),
                FeedKind.Sitemap => SitemapReader.ReadUrlSet(entries, feedUrl),
                _ => SitemapReader.ReadIndex(entries, feedUrl),
            };
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"Feed {feedUrl} is not well-formed XML or declares a DTD: {ex.Message}", ex);
        }
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

    private static FeedKind KindOf(XmlReader root, Uri feedUrl) => root.LocalName switch
    {
        "rss" => FeedKind.Rss2,
        "RDF" when root.NamespaceURI == Rdf => FeedKind.Rss1,
        "feed" => FeedKind.Atom,
        "urlset" => FeedKind.Sitemap,
        "sitemapindex" => FeedKind.SitemapIndex,
        _ => throw new FeedFormatException($"Feed {feedUrl} has an unknown root element <{root.LocalName}>."),
    };

    /// <summary>
    /// The entries, read lazily one at a time as the reader reaches them: the root's children named after the kind's entry, or for
    /// RSS 2.0 the items of the channel. Everything else is passed over, its depth checked all the same.
    /// </summary>
    private static IEnumerable<FeedElement> ReadEntries(XmlReader reader, FeedKind kind, Uri feedUrl)
    {
        var (entryName, entryDepth) = kind switch
        {
            FeedKind.Rss2 => ("item", 2),
            FeedKind.Rss1 => ("item", 1),
            FeedKind.Atom => ("entry", 1),
            FeedKind.Sitemap => ("url", 1),
            _ => ("sitemap", 1),
        };
        var checkDepth = DepthCheck(feedUrl);
        var inChannel = false;
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            checkDepth(reader);
            if (reader.Depth == 1)
            {
                inChannel = reader.LocalName == "channel";
            }

            if (reader.Depth == entryDepth && reader.LocalName == entryName && (entryDepth == 1 || inChannel))
            {
                yield return FeedElement.Read(reader, EntryLevels, checkDepth);
            }
        }
    }

    private static Action<XmlReader> DepthCheck(Uri feedUrl) => reader =>
    {
        if (reader.Depth >= MaxNestingDepth)
        {
            throw new FeedFormatException($"Feed {feedUrl} nests its elements more than {MaxNestingDepth} levels deep.");
        }
    };

    private static FeedDocument Document(FeedKind kind, IEnumerable<FeedItem?> items) => new(kind, items.OfType<FeedItem>().ToList(), []);

    private static FeedItem? ReadRssItem(FeedElement item, Uri feedUrl)
    {
        var link = item.ChildValue("link");
        var guid = item.Child("guid");
        if (string.IsNullOrWhiteSpace(link) && guid is not null && guid.Attribute("isPermaLink") != "false")
        {
            link = guid.Value;
        }

        return CreateItem(link, feedUrl, item.ChildValue("title"), item.ChildValue("pubDate") ?? item.ChildValue("date"), guid?.Value);
    }

    private static FeedItem? ReadRdfItem(FeedElement item, Uri feedUrl)
    {
        var about = item.Attribute("about", Rdf);
        return CreateItem(item.ChildValue("link") ?? about, feedUrl, item.ChildValue("title"), item.ChildValue("date"), about);
    }

    private static FeedItem? ReadAtomEntry(FeedElement entry, Uri feedUrl)
    {
        var links = entry.Children("link").ToList();
        var link = links.FirstOrDefault(l => l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        return CreateItem(link?.Attribute("href") ?? link?.Value, feedUrl, entry.ChildValue("title"),
            entry.ChildValue("published") ?? entry.ChildValue("issued") ?? entry.ChildValue("updated") ?? entry.ChildValue("modified"),
            entry.ChildValue("id"));
    }
}
