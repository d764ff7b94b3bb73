using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// Authors: JSON-LD author (Person names; an Organization only when nothing else), then author meta tags, then
/// DOM bylines (rel=author, itemprop=author, author/byline classes). Names are split on , ; &amp; and/et,
/// stripped of "By"/"Par" and e-mails, and de-duplicated.
/// </summary>
internal static partial class AuthorResolver
{
    private static readonly string[] MetaKeys = ["author", "article:author", "parsely-author", "dc.creator", "dcterms.creator", "sailthru.author", "byl", "twitter:creator"];

    /// <summary>A byline longer than this is prose (trafilatura: 120).</summary>
    private const int MaxBylineChars = 120;

    public static IReadOnlyList<string>? Resolve(MetadataContext context)
    {
        var names = new List<string>();
        if (context.JsonLd.Article?["author"] is { } node)
        {
            AddJson(names, node, allowOrganizations: false);
            if (names.Count == 0)
            {
                AddJson(names, node, allowOrganizations: true);
            }
        }

        if (names.Count == 0)
        {
            foreach (var key in MetaKeys)
            {
                foreach (var value in context.Meta.All(key))
                {
                    if (!value.Contains("://", StringComparison.Ordinal) && !value.StartsWith('@'))
                    {
                        AddSplit(names, value);
                    }
                }

                if (names.Count > 0)
                {
                    break;
                }
            }
        }

        if (names.Count == 0)
        {
            AddFromDom(names, context.Index);
        }

        return names.Count == 0 ? null : names;
    }

    private static void AddJson(List<string> names, JsonNode node, bool allowOrganizations)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is not null)
                {
                    AddJson(names, item, allowOrganizations);
                }
            }

            return;
        }

        if (node is JsonObject obj)
        {
            if (!allowOrganizations && JsonLdGraph.HasType(obj, t => t.Equals("Organization", StringComparison.OrdinalIgnoreCase) || t.Equals("NewsMediaOrganization", StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            var name = JsonLdGraph.Text(obj["name"]);
            if (name is null && JsonLdGraph.Text(obj["givenName"]) is { } given)
            {
                name = $"{given} {JsonLdGraph.Text(obj["familyName"])}".Trim();
            }

            if (name is not null && !name.Contains("://", StringComparison.Ordinal))
            {
                AddSplit(names, name);
            }

            return;
        }

        if (JsonLdGraph.Text(node) is { } text && !text.Contains("://", StringComparison.Ordinal))
        {
            AddSplit(names, text);
        }
    }

    private static void AddFromDom(List<string> names, DomIndex index)
    {
        foreach (var i in index.Anchors)
        {
            var rel = index.Elements[i].GetAttribute("rel");
            if (rel is not null && rel.Contains("author", StringComparison.OrdinalIgnoreCase) && !index.Has(i, ElementState.InComments))
            {
                AddSplit(names, DomText.Of(index, i, MaxBylineChars));
            }
        }

        if (names.Count > 0)
        {
            return;
        }

        foreach (var i in index.ItemProps)
        {
            var itemprop = index.Elements[i].GetAttribute("itemprop");
            if (string.Equals(itemprop, "author", StringComparison.OrdinalIgnoreCase) && !index.Has(i, ElementState.InComments) && index.RawText[i] <= MaxBylineChars)
            {
                AddSplit(names, DomText.Of(index, i, MaxBylineChars));
            }
        }

        if (names.Count > 0)
        {
            return;
        }

        foreach (var i in index.Anchors)
        {
            var href = index.Elements[i].GetAttribute("href");
            if (href is not null && AuthorPage().IsMatch(href) && !index.Has(i, ElementState.InComments) && !InRecirculation(index, i))
            {
                AddSplit(names, DomText.Of(index, i, MaxBylineChars));
                if (names.Count > 0)
                {
                    return;
                }
            }
        }

        for (var i = 0; i < index.Count && names.Count == 0; i++)
        {
            if ((index.Tokens[i] & TokenClass.AuthorHint) != 0 && !index.Has(i, ElementState.InComments | ElementState.Hidden | ElementState.Junk)
                && index.RawText[i] is > 2 and <= MaxBylineChars && !InRecirculation(index, i))
            {
                AddSplit(names, CutTail(DomText.Of(index, i, MaxBylineChars)));
            }
        }
    }

    /// <summary>A "Par X" / "By X" byline in a short block near the top of the story (table layouts without classes).</summary>
    public static IReadOnlyList<string>? FromBylineText(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            if (text.Length > MaxBylineChars)
            {
                continue;
            }

            var match = BylineName().Match(text);
            if (match.Success)
            {
                var names = new List<string>();
                AddSplit(names, CutTail(match.Groups["name"].Value));
                if (names.Count > 0)
                {
                    return names;
                }
            }
        }

        return null;
    }

    private static bool InRecirculation(DomIndex index, int i)
    {
        for (var a = index.Parent[i]; a > 0; a = index.Parent[a])
        {
            if ((index.Tokens[a] & (TokenClass.Related | TokenClass.Sidebar | TokenClass.Navigation)) != 0 || index.Is(a, TagKind.Landmark & ~TagKind.Block))
            {
                return true;
            }
        }

        return false;
    }

    private static string CutTail(string text) => BylineTail().Replace(text, string.Empty);

    internal static void AddSplit(List<string> names, string raw)
    {
        var text = Email().Replace(raw, " ");
        text = Prefix().Replace(text.Trim(), string.Empty);
        foreach (var part in Separator().Split(text))
        {
            var name = TitleCleaner.Normalize(part.Trim(' ', '.', ',', ':', '|', '-', '–', '@'));
            if (name.Length < 3 || name.Length > 60 || name.Any(char.IsDigit) || name.Split(' ').Length > 5 || !char.IsUpper(name[0])
                || JobTitle().IsMatch(name) || Credential().IsMatch(name))
            {
                continue;
            }

            if (!names.Any(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                names.Add(name);
            }
        }
    }

    [GeneratedRegex(@"^(?:(?:written|posted|reported)\s+)?(?:by|par|von|de|auteur\s*:|author\s*:|texte\s*:)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\s*(?:,|;|&|\||/|\band\b|\bet\b|\bund\b)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    [GeneratedRegex(@"/(?:auteurs?|authors?|journalistes?|redacteurs?|rédacteurs?|signatures?|contributors?|writers?|people|equipe|team)/[^/?#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AuthorPage();

    [GeneratedRegex(@"(?:^|[\s|–—-])(?:Par|By|PAR|BY)\s+(?<name>\p{Lu}[\p{L}'’.\-]+(?:\s+(?:de|du|des|le|la|van|von|da|di|\p{Lu}[\p{L}'’.\-]+)){1,3})", RegexOptions.CultureInvariant)]
    private static partial Regex BylineName();

    [GeneratedRegex(@"\s*(?:\||–|—|\s-\s|\bpublié|\bmis\s+à\s+jour|\bmodifié|\bupdated|\bpublished|\ble\s+\d|\bil\s+y\s+a\b|\bon\s+\p{L}+\s+\d).*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BylineTail();

    /// <summary>Job titles that follow a name in bylines ("AP National Political Writer", "Staff Reports").</summary>
    [GeneratedRegex(@"\b(?:writer|correspondent|editor|reporter|reports|staff|contributor|columnist|journaliste|rédaction|rédacteur|correspondant|envoyée?\s+spéciale?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JobTitle();

    /// <summary>Degrees and credentials split off a name by a comma ("RDN", "PhD", "MD").</summary>
    [GeneratedRegex(@"^(?:[A-Z]{2,4}|Ph\.?D\.?|M\.?D\.?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Credential();

    [GeneratedRegex(@"\S+@\S+\.\S+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
