using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace NewsIngest.Core.Feeds;

/// <summary>
/// Reads RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 into <see cref="FeedItem"/>s. Lenient with what real feeds get wrong
/// (relative links, missing ids, odd dates), strict where it matters: a DTD is refused, so no entity tricks (XXE).
/// </summary>
public static class FeedReader
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlReaderSettings SafeSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>The feed's items in document order; links are resolved against <paramref name="feedUrl"/>, non-http links dropped.</summary>
    public static IReadOnlyList<FeedItem> Read(Stream content, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(feedUrl);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(content, SafeSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new FeedFormatException($"Feed {feedUrl} is not well-formed XML or declares a DTD: {ex.Message}", ex);
        }

        var root = document.Root ?? throw new FeedFormatException($"Feed {feedUrl} is empty.");
        var items = root.Name.LocalName switch
        {
            "rss" => root.Elements().Where(e => e.Name.LocalName == "channel").Elements().Where(e => e.Name.LocalName == "item").Select(item => ReadRssItem(item, feedUrl)),
            "RDF" when root.Name.Namespace == Rdf => root.Elements(Rss1 + "item").Select(item => ReadRdfItem(item, feedUrl)),
            "feed" => root.Elements(Atom + "entry").Concat(root.Elements("entry")).Select(entry => ReadAtomEntry(entry, feedUrl)),
            _ => throw new FeedFormatException($"Feed {feedUrl} has an unknown root element <{root.Name.LocalName}>."),
        };
        return items.OfType<FeedItem>().ToList();
    }

    private static FeedItem? ReadRssItem(XElement item, Uri feedUrl)
    {
        var link = Child(item, "link");
        var guid = item.Elements().FirstOrDefault(e => e.Name.LocalName == "guid");
        if (string.IsNullOrWhiteSpace(link) && guid is not null && (string?)guid.Attribute("isPermaLink") != "false")
        {
            link = guid.Value;
        }

        return Create(link, feedUrl, Child(item, "title"), Child(item, "pubDate") ?? Child(item, "date"), guid?.Value);
    }

    private static FeedItem? ReadRdfItem(XElement item, Uri feedUrl) =>
        Create((string?)item.Element(Rss1 + "link") ?? (string?)item.Attribute(Rdf + "about"), feedUrl,
            (string?)item.Element(Rss1 + "title"), (string?)item.Element(DublinCore + "date"), (string?)item.Attribute(Rdf + "about"));

    private static FeedItem? ReadAtomEntry(XElement entry, Uri feedUrl)
    {
        var links = entry.Elements().Where(e => e.Name.LocalName == "link").ToList();
        var link = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault();
        return Create((string?)link?.Attribute("href"), feedUrl, Child(entry, "title"),
            Child(entry, "published") ?? Child(entry, "updated"), Child(entry, "id"));
    }

    private static FeedItem? Create(string? link, Uri feedUrl, string? title, string? date, string? id)
    {
        if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(feedUrl, link.Trim(), out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return new FeedItem(url, title?.Trim(), ParseDate(date), id?.Trim());
    }

    private static string? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    /// <summary>RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core); an unreadable date is dropped, never guessed.</summary>
    private static DateTimeOffset? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        // RFC 822 time zones by name, which DateTimeOffset does not read.
        foreach (var (zone, offset) in new[] { ("GMT", "+0000"), ("UT", "+0000"), ("EST", "-0500"), ("EDT", "-0400"), ("CET", "+0100"), ("CEST", "+0200") })
        {
            if (text.EndsWith(" " + zone, StringComparison.Ordinal)
                && DateTimeOffset.TryParse(text[..^zone.Length] + offset, CultureInfo.InvariantCulture, DateTimeStyles.None, out parsed))
            {
                return parsed;
            }
        }

        return null;
    }
}
