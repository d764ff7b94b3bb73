namespace NewsIngest.Core.Extraction.Dom;

/// <summary>The tag → <see cref="TagKind"/> table (data, one place). Unlisted tags are inline.</summary>
internal static class TagTable
{
    private static readonly Dictionary<string, TagKind> Kinds = Build();

    public static TagKind Of(string localName) => Kinds.TryGetValue(localName, out var kind) ? kind : TagKind.None;

    private static Dictionary<string, TagKind> Build()
    {
        const TagKind B = TagKind.Block;
        var map = new Dictionary<string, TagKind>(StringComparer.Ordinal)
        {
            ["p"] = B | TagKind.Paragraph,
            ["div"] = B | TagKind.Div,
            ["section"] = B | TagKind.Section,
            ["article"] = B | TagKind.Article,
            ["main"] = B | TagKind.Main,
            ["header"] = B | TagKind.HeaderFooter,
            ["footer"] = B | TagKind.HeaderFooter,
            ["h1"] = B | TagKind.Heading | TagKind.H1,
            ["h2"] = B | TagKind.Heading, ["h3"] = B | TagKind.Heading, ["h4"] = B | TagKind.Heading,
            ["h5"] = B | TagKind.Heading, ["h6"] = B | TagKind.Heading,
            ["ul"] = B | TagKind.List, ["ol"] = B | TagKind.List, ["dl"] = B | TagKind.List,
            ["li"] = B | TagKind.ListItem, ["dt"] = B | TagKind.ListItem, ["dd"] = B | TagKind.ListItem,
            ["blockquote"] = B | TagKind.Quote,
            ["pre"] = B | TagKind.Pre,
            ["table"] = B | TagKind.Table,
            ["tr"] = B, ["td"] = B | TagKind.Cell, ["th"] = B | TagKind.Cell, ["caption"] = B,
            ["br"] = B | TagKind.Break, ["hr"] = B | TagKind.Break,
            ["address"] = B, ["center"] = B, ["details"] = B, ["summary"] = B, ["hgroup"] = B,
            ["figcaption"] = B | TagKind.Landmark,
            ["figure"] = B | TagKind.Landmark,
            ["nav"] = B | TagKind.Landmark, ["aside"] = B | TagKind.Landmark, ["menu"] = B | TagKind.Landmark,
            ["dialog"] = B | TagKind.Landmark,
            ["form"] = B | TagKind.Form,
            ["a"] = TagKind.Link,
            ["img"] = TagKind.Image,
            ["title"] = TagKind.Title | TagKind.Junk,
            ["meta"] = TagKind.Meta | TagKind.Junk,
            ["link"] = TagKind.LinkTag | TagKind.Junk,
            ["script"] = TagKind.Script | TagKind.Junk,
            ["time"] = TagKind.Time,
            ["abbr"] = TagKind.Time,
            ["noscript"] = B | TagKind.Noscript,
            ["input"] = TagKind.Input | TagKind.Junk, ["button"] = TagKind.Input | TagKind.Junk,
            ["select"] = TagKind.Input | TagKind.Junk, ["textarea"] = TagKind.Input | TagKind.Junk,
            ["label"] = TagKind.Junk,
            // A fieldset is a form part, but old hand-written pages wrap the whole story in one: boilerplate like a form,
            // so the wrapper guard keeps one that holds most of the page's text.
            ["fieldset"] = B | TagKind.Form, ["legend"] = B, ["option"] = TagKind.Junk,
        };
        foreach (var junk in new[] { "style", "template", "svg", "canvas", "iframe", "embed", "object", "video", "audio", "map", "picture", "math", "source", "track", "param" })
        {
            map[junk] = TagKind.Junk;
        }

        return map;
    }
}
