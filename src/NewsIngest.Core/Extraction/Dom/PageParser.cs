using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;

namespace NewsIngest.Core.Extraction.Dom;

/// <summary>
/// The one AngleSharp parse of a page, configured for extraction: scripting off (so &lt;noscript&gt; parses as
/// markup, as the benchmark pages were rendered), comments and raw text (style) skipped, no position tracking, and
/// only the attributes some stage reads are materialised. One parser per thread (reused; not documented as thread-safe).
/// </summary>
internal static class PageParser
{
    /// <summary>The attributes the harvest, the metadata resolvers and the decoder read; all others are dropped by the tokenizer.</summary>
    private static readonly string[] KeptAttributes =
    [
        "class", "id", "style", "hidden", "aria-hidden", "role", "itemprop", "lang", "rel", "href", "content", "name",
        "property", "http-equiv", "charset", "type", "datetime", "pubdate", "title", "xml:lang",
    ];

    [ThreadStatic]
    private static HtmlParser? t_parser;

    public static HtmlParserOptions Options => new()
    {
        IsScripting = false,
        SkipComments = true,
        SkipRawText = true,
        SkipScriptText = true,
        DisableElementPositionTracking = true,
        ShouldEmitAttribute = Keep,
    };

    public static IHtmlDocument Parse(string html)
    {
        t_parser ??= new HtmlParser(Options);
        return t_parser.ParseDocument(html);
    }

    private static bool Keep(ref StructHtmlToken token, ReadOnlyMemory<char> name)
    {
        var span = name.Span;
        foreach (var kept in KeptAttributes)
        {
            if (span.Equals(kept, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
