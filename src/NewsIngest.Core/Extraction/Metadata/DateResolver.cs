using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// Published and modified dates, in htmldate's order of trust: JSON-LD of the article node, meta tags,
/// &lt;time datetime&gt; (a published/entry-date one first), itemprop attributes, then visible dates in date-ish
/// containers. Relative texts ("il y a 2 heures") never match, so an unknown date stays null.
/// </summary>
internal static class DateResolver
{
    private static readonly string[] PublishedMeta =
    [
        "article:published_time", "og:published_time", "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued",
        "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "citation_publication_date", "pubdate", "publishdate",
        "publish-date", "publish_date", "date", "article.published", "og:article:published_time", "datecreated", "created",
    ];

    private static readonly string[] ModifiedMeta =
    [
        "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "dcterms.modified", "last-modified",
        "article.updated", "og:article:modified_time", "lastmod",
    ];

    /// <summary>Visible-date containers longer than this are paragraphs, not date lines.</summary>
    private const int MaxDateTextChars = 200;

    public static (DateTimeOffset? Published, DateTimeOffset? Modified) Resolve(MetadataContext context, int contentNode, string? language, IEnumerable<string> bylineTexts)
    {
        var article = context.JsonLd.Article;
        var index = context.Index;
        DateTimeOffset?[] published =
        [
            DateText.ParseMachine(JsonLdGraph.Text(article?["datePublished"])),
            FromMeta(context.Meta, PublishedMeta),
            FromTimeElements(index, contentNode, modified: false),
            FromItemProp(index, "datePublished"),
        ];
        DateTimeOffset?[] modified =
        [
            DateText.ParseMachine(JsonLdGraph.Text(article?["dateModified"])),
            FromMeta(context.Meta, ModifiedMeta),
            FromTimeElements(index, contentNode, modified: true),
            FromItemProp(index, "dateModified"),
        ];

        var first = LocalOffset(published);
        if (first is null)
        {
            var english = language == "en";
            Func<DateTime, TimeSpan> offsetFor = language == "fr" ? ParisTime.OffsetFor : _ => TimeSpan.Zero;
            first = FromVisibleText(index, english, offsetFor, contentNode, inRegion: true)
                ?? FromBylineTexts(bylineTexts, english, offsetFor)
                ?? FromVisibleText(index, english, offsetFor, contentNode, inRegion: false);
        }

        return (first, LocalOffset(modified));
    }

    /// <summary>
    /// The first date in trust order, but expressed with the local offset when another source gives the same instant
    /// with a non-UTC offset (Yoast writes JSON-LD in UTC next to a +02:00 meta; the page's own offset wins).
    /// </summary>
    private static DateTimeOffset? LocalOffset(DateTimeOffset?[] candidates)
    {
        var first = candidates.FirstOrDefault(c => c is not null);
        if (first is not { } value || value.Offset != TimeSpan.Zero)
        {
            return first;
        }

        foreach (var other in candidates)
        {
            if (other is { } o && o.Offset != TimeSpan.Zero && o.UtcDateTime == value.UtcDateTime)
            {
                return o;
            }
        }

        return value;
    }

    /// <summary>Short class-less lines around the body start ("Publié le 11/05/2017 à 13h47 - Par …").</summary>
    private static DateTimeOffset? FromBylineTexts(IEnumerable<string> texts, bool english, Func<DateTime, TimeSpan> offsetFor)
    {
        foreach (var text in texts)
        {
            if (text.Length <= MaxDateTextChars && DateText.ParseVisible(text, english, offsetFor) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static DateTimeOffset? FromMeta(MetaTags meta, string[] keys)
    {
        foreach (var key in keys)
        {
            foreach (var value in meta.All(key))
            {
                var date = DateText.ParseMachine(value);
                if (date is not null)
                {
                    return date;
                }
            }
        }

        return null;
    }

    private static DateTimeOffset? FromTimeElements(DomIndex index, int contentNode, bool modified)
    {
        DateTimeOffset? fallback = null;
        foreach (var i in index.TimeElements)
        {
            if (index.Has(i, ElementState.InComments | ElementState.Hidden))
            {
                continue;
            }

            var element = index.Elements[i];
            var date = DateText.ParseMachine(element.GetAttribute("datetime") ?? element.GetAttribute("title"));
            if (date is null)
            {
                continue;
            }

            var cls = (element.GetAttribute("class") ?? string.Empty) + " " + (element.GetAttribute("itemprop") ?? string.Empty);
            var saysModified = cls.Contains("updated", StringComparison.OrdinalIgnoreCase) || cls.Contains("modified", StringComparison.OrdinalIgnoreCase);
            var saysPublished = element.HasAttribute("pubdate") || cls.Contains("publish", StringComparison.OrdinalIgnoreCase)
                || cls.Contains("entry-date", StringComparison.OrdinalIgnoreCase) || cls.Contains("datePublished", StringComparison.OrdinalIgnoreCase);
            if (modified)
            {
                if (saysModified && !saysPublished)
                {
                    return date;
                }

                continue;
            }

            if (saysPublished)
            {
                return date;
            }

            if (!saysModified && fallback is null && IsInRegion(index, i, contentNode))
            {
                fallback = date;
            }
        }

        return fallback;
    }

    private static DateTimeOffset? FromItemProp(DomIndex index, string name)
    {
        foreach (var i in index.ItemProps)
        {
            var element = index.Elements[i];
            if (!string.Equals(element.GetAttribute("itemprop"), name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var date = DateText.ParseMachine(element.GetAttribute("content") ?? element.GetAttribute("datetime"))
                ?? DateText.ParseVisible(DomText.Of(index, i, MaxDateTextChars), english: false, (TimeSpan?)null);
            if (date is not null)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>The article's neighbourhood: the content node's grandparent subtree (headers and bylines sit beside the body).</summary>
    private static bool IsInRegion(DomIndex index, int i, int contentNode)
    {
        if (contentNode < 0)
        {
            return true;
        }

        var region = contentNode;
        for (var level = 0; level < 2 && index.Parent[region] > 0; level++)
        {
            region = index.Parent[region];
        }

        return index.IsInside(i, region);
    }

    private static DateTimeOffset? FromVisibleText(DomIndex index, bool english, Func<DateTime, TimeSpan> offset, int contentNode, bool inRegion)
    {
        for (var i = 0; i < index.Count; i++)
        {
            if (IsInRegion(index, i, contentNode) != inRegion)
            {
                continue;
            }

            if ((index.Tokens[i] & TokenClass.DateHint) == 0 && (index.Tags[i] & TagKind.Time) == 0)
            {
                continue;
            }

            if (index.Has(i, ElementState.InComments | ElementState.Hidden | ElementState.Junk) || index.RawText[i] > MaxDateTextChars || index.RawText[i] < 6)
            {
                continue;
            }

            var date = DateText.ParseVisible(DomText.Of(index, i, MaxDateTextChars), english, offset);
            if (date is not null)
            {
                return date;
            }
        }

        return null;
    }
}
