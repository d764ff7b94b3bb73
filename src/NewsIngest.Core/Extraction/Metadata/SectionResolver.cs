using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// The article's section: JSON-LD articleSection, article:section meta, the last category of a BreadcrumbList or
/// DOM breadcrumb (not Home, not the article itself), the post's rel=category link, then section meta tags.
/// </summary>
internal static class SectionResolver
{
    private static readonly HashSet<string> HomeWords = new(StringComparer.OrdinalIgnoreCase) { "accueil", "home", "homepage", "une", "à la une", "news", "actualités", "actualites", "actu" };

    /// <summary>A section name longer than this is a headline, not a category.</summary>
    private const int MaxSectionChars = 60;

    public static string? Resolve(MetadataContext context, string? title)
    {
        return Valid(JsonLdGraph.Text(context.JsonLd.Article?["articleSection"]), title)
            ?? Valid(context.Meta.First("article:section", "og:article:section"), title)
            ?? FromJsonBreadcrumb(context.JsonLd, title)
            ?? FromCategoryLink(context.Index, title)
            ?? FromDomBreadcrumb(context.Index, title)
            ?? Valid(context.Meta.First("parsely-section", "section", "category", "article.section", "cxenseparse:recs:articlesection"), title);
    }

    private static string? FromJsonBreadcrumb(JsonLdGraph graph, string? title)
    {
        var list = graph.FirstOfType("BreadcrumbList");
        if (list?["itemListElement"] is not System.Text.Json.Nodes.JsonArray items)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var item in items)
        {
            if (item is System.Text.Json.Nodes.JsonObject obj && (JsonLdGraph.Text(obj["name"]) ?? JsonLdGraph.Text(obj["item"])) is { } name)
            {
                names.Add(name);
            }
        }

        return LastCategory(names, title);
    }

    private static string? FromCategoryLink(DomIndex index, string? title)
    {
        foreach (var i in index.Anchors)
        {
            var rel = index.Elements[i].GetAttribute("rel");
            if (rel is not null && rel.Contains("category", StringComparison.OrdinalIgnoreCase) && !index.Has(i, ElementState.InComments))
            {
                var section = Valid(DomText.Of(index, i, MaxSectionChars + 1), title);
                if (section is not null)
                {
                    return section;
                }
            }
        }

        return null;
    }

    private static string? FromDomBreadcrumb(DomIndex index, string? title)
    {
        for (var i = 0; i < index.Count; i++)
        {
            var byClass = (index.Tokens[i] & TokenClass.Breadcrumb) != 0;
            if ((!byClass && !index.Has(i, ElementState.BreadcrumbSeparator)) || index.Has(i, ElementState.Hidden | ElementState.InComments))
            {
                continue;
            }

            var names = new List<string>();
            foreach (var a in index.Anchors)
            {
                if (index.IsInside(a, i))
                {
                    names.Add(DomText.Of(index, a, MaxSectionChars + 1));
                }
            }

            // Without a breadcrumb class, a separator-joined run of links is a trail only when it starts at home.
            if (!byClass && (names.Count < 2 || !HomeWords.Contains(names[0])))
            {
                continue;
            }

            var section = LastCategory(names, title);
            if (section is not null)
            {
                return section;
            }

            i = index.End[i] - 1;
        }

        return null;
    }

    private static string? LastCategory(List<string> names, string? title)
    {
        for (var k = names.Count - 1; k >= 0; k--)
        {
            var section = Valid(names[k], title);
            if (section is not null)
            {
                return section;
            }
        }

        return null;
    }

    private static string? Valid(string? value, string? title)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // A comma list ("game,news,slider") names several categories: the first is the section.
        var text = TitleCleaner.Normalize(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty);
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length > MaxSectionChars || HomeWords.Contains(text) || (title is not null && text.Equals(title, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return text;
    }
}
