using System.Xml.Linq;

namespace NewsIngest.Core.Feeds;

/// <summary>
/// Reads sitemaps as feeds: a <c>&lt;urlset&gt;</c> (a Google News sitemap's <c>news:title</c> and <c>news:publication_date</c>
/// when present, else <c>lastmod</c>) and a <c>&lt;sitemapindex&gt;</c> (its child sitemaps, newest first). Elements are matched
/// by local name, because sites get the sitemap and news namespaces wrong often enough.
/// </summary>
internal static class SitemapReader
{
    public static FeedDocument ReadUrlSet(XElement root, Uri feedUrl)
    {
        var items = Children(root, "url").Select(url =>
        {
            var news = Children(url, "news").FirstOrDefault();
            return FeedReader.CreateItem(Child(url, "loc"), feedUrl, news is null ? null : Child(news, "title"),
                (news is null ? null : Child(news, "publication_date")) ?? Child(url, "lastmod"), id: null);
        });
        return new FeedDocument(FeedKind.Sitemap, items.OfType<FeedItem>().ToList(), []);
    }

    public static FeedDocument ReadIndex(XElement root, Uri feedUrl)
    {
        var children = Children(root, "sitemap")
            .Select(sitemap => FeedReader.CreateItem(Child(sitemap, "loc"), feedUrl, null, Child(sitemap, "lastmod"), id: null))
            .OfType<FeedItem>()
            .OrderByDescending(child => child.Published ?? DateTimeOffset.MinValue)
            .ToList();
        return new FeedDocument(FeedKind.SitemapIndex, [], children);
    }

    private static IEnumerable<XElement> Children(XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    private static string? Child(XElement element, string localName) =>
        Children(element, localName).FirstOrDefault()?.Value;
}
