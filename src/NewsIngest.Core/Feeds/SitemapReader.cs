namespace NewsIngest.Core.Feeds;

/// <summary>
/// Reads sitemaps as feeds: a <c>&lt;urlset&gt;</c> (a Google News sitemap's <c>news:title</c> and <c>news:publication_date</c>
/// when present, else <c>lastmod</c>) and a <c>&lt;sitemapindex&gt;</c> (its child sitemaps, newest first). Elements are matched
/// by local name, because sites get the sitemap and news namespaces wrong often enough.
/// </summary>
internal static class SitemapReader
{
    /// <summary>The articles of a urlset, from its <c>&lt;url&gt;</c> entries.</summary>
    public static FeedDocument ReadUrlSet(IEnumerable<FeedElement> urls, Uri feedUrl)
    {
        var items = urls.Select(url =>
        {
            var news = url.Child("news");
            return FeedReader.CreateItem(url.ChildValue("loc"), feedUrl, news?.ChildValue("title"),
                news?.ChildValue("publication_date") ?? url.ChildValue("lastmod"), id: null);
        });
        return new FeedDocument(FeedKind.Sitemap, items.OfType<FeedItem>().ToList(), []);
    }

    /// <summary>The child sitemaps of an index, from its <c>&lt;sitemap&gt;</c> entries, newest first.</summary>
    public static FeedDocument ReadIndex(IEnumerable<FeedElement> sitemaps, Uri feedUrl)
    {
        var children = sitemaps
            .Select(sitemap => FeedReader.CreateItem(sitemap.ChildValue("loc"), feedUrl, null, sitemap.ChildValue("lastmod"), id: null))
            .OfType<FeedItem>()
            .OrderByDescending(child => child.Published ?? DateTimeOffset.MinValue)
            .ToList();
        return new FeedDocument(FeedKind.SitemapIndex, [], children);
    }
}
