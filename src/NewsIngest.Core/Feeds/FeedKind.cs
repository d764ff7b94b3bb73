namespace NewsIngest.Core.Feeds;

/// <summary>The document types <see cref="FeedReader"/> understands.</summary>
public enum FeedKind
{
    Rss2,
    Rss1,
    Atom,

    /// <summary>A <c>&lt;urlset&gt;</c> sitemap, usually a Google News sitemap (<c>news:</c> namespace).</summary>
    Sitemap,

    /// <summary>A <c>&lt;sitemapindex&gt;</c> listing other sitemaps.</summary>
    SitemapIndex,
}
