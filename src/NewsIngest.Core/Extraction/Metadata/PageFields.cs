using NewsIngest.Core.Extraction.Dom;
using NewsIngest.Core.Urls;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>The simple page-level fields: title, language, canonical URL, site name, description, image and tags.</summary>
internal static class PageFields
{
    public static string? SiteName(MetadataContext c) =>
        Clean(c.Meta.First("og:site_name"))
        ?? Clean(JsonLdGraph.Text(c.JsonLd.Article?["publisher"]))
        ?? Clean(JsonLdGraph.Text(c.JsonLd.FirstOfType("WebSite")?["name"]))
        ?? Clean(c.Meta.First("application-name", "apple-mobile-web-app-title"));

    /// <summary>
    /// The headline: JSON-LD headline, og:title, twitter:title, dc.title, then &lt;title&gt;, then the single h1;
    /// site-name parts removed (a part equal to an h1/h2 of the page is the headline).
    /// </summary>
    public static string? Title(MetadataContext c, string? siteName, IReadOnlyCollection<string> h1s, IReadOnlyCollection<string> headings)
    {
        var raw = Clean(JsonLdGraph.Text(c.JsonLd.Article?["headline"]))
            ?? Clean(c.Meta.First("og:title", "twitter:title", "dc.title", "dcterms.title", "title"))
            ?? Clean(c.Index.DocumentTitle)
            ?? (h1s.Count > 0 ? h1s.First() : null);
        return TitleCleaner.Clean(raw, siteName, headings);
    }

    /// <summary>ISO 639-1 primary subtag from html@lang, Content-Language, og:locale, JSON-LD inLanguage.</summary>
    public static string? Language(MetadataContext c)
    {
        var raw = Clean(c.Index.HtmlLang)
            ?? Clean(c.Meta.First("content-language", "language", "dc.language"))
            ?? Clean(c.Meta.First("og:locale"))
            ?? Clean(JsonLdGraph.Text(c.JsonLd.Article?["inLanguage"]));
        if (raw is null)
        {
            return null;
        }

        var primary = raw.Split('-', '_', ',', ';')[0].Trim().ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    /// <summary>The first rel=canonical and the og:url, judged by <see cref="ArticleUrlRule"/> against the fetch URL.</summary>
    public static string? Url(MetadataContext c)
    {
        string? canonical = null;
        foreach (var link in c.Index.LinkTags)
        {
            var rel = link.GetAttribute("rel");
            if (rel is not null && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("canonical", StringComparison.OrdinalIgnoreCase)))
            {
                canonical = Clean(link.GetAttribute("href"));
                if (canonical is not null)
                {
                    break;
                }
            }
        }

        return ArticleUrlRule.Resolve(c.Page.Url, [canonical, Clean(c.Meta.First("og:url"))]);
    }

    public static string? Description(MetadataContext c) =>
        Clean(c.Meta.First("description", "og:description", "twitter:description", "dc.description"))
        ?? Clean(JsonLdGraph.Text(c.JsonLd.Article?["description"]));

    public static string? Image(MetadataContext c)
    {
        var raw = Clean(c.Meta.First("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"))
            ?? Clean(JsonLdGraph.Text(c.JsonLd.Article?["image"]));
        return Absolute(raw, c.Page.Url) ?? raw;
    }

    /// <summary>JSON-LD keywords, article:tag metas, rel=tag links, then the keywords meta.</summary>
    public static IReadOnlyList<string>? Tags(MetadataContext c)
    {
        var tags = new List<string>();
        foreach (var keyword in JsonLdGraph.Texts(c.JsonLd.Article?["keywords"]))
        {
            AddSplit(tags, keyword);
        }

        if (tags.Count == 0)
        {
            foreach (var tag in c.Meta.All("article:tag"))
            {
                AddSplit(tags, tag);
            }
        }

        if (tags.Count == 0)
        {
            foreach (var i in c.Index.Anchors)
            {
                var rel = c.Index.Elements[i].GetAttribute("rel");
                if (rel is not null && rel.Split(' ').Contains("tag", StringComparer.OrdinalIgnoreCase) && !c.Index.Has(i, ElementState.InComments))
                {
                    Add(tags, DomText.Of(c.Index, i, 80));
                }
            }
        }

        if (tags.Count == 0 && c.Meta.First("keywords", "news_keywords") is { } keywords)
        {
            AddSplit(tags, keywords);
        }

        return tags.Count == 0 ? null : tags;
    }

    private static void AddSplit(List<string> tags, string value)
    {
        foreach (var part in value.Split(',', ';'))
        {
            Add(tags, part);
        }
    }

    private static void Add(List<string> tags, string value)
    {
        var tag = TitleCleaner.Normalize(value);
        if (tag.Length > 0 && tag.Length <= 80 && !tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            tags.Add(tag);
        }
    }

    private static string? Absolute(string? value, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute.OriginalString;
        }

        return baseUrl is not null && Uri.TryCreate(baseUrl, value, out var combined) ? combined.AbsoluteUri : null;
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return TitleCleaner.Normalize(System.Net.WebUtility.HtmlDecode(value));
    }
}
