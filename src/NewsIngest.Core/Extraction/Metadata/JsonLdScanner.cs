namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// Finds the JSON-LD blocks in the page source. The parser skips script text (it is most of a page's bytes and
/// nothing else needs it), so the few <c>application/ld+json</c> scripts are cut straight from the source with
/// vectorised searches instead.
/// </summary>
internal static class JsonLdScanner
{
    private const string TypeMarker = "application/ld+json";

    /// <summary>How far before the type attribute the &lt;script tag may start (other attributes in between).</summary>
    private const int MaxTagPrefix = 300;

    public static List<string> Find(string html)
    {
        var blocks = new List<string>();
        var at = 0;
        while ((at = html.IndexOf(TypeMarker, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var tagStart = html.LastIndexOf('<', at);
            var contentStart = html.IndexOf('>', at);
            if (tagStart < 0 || contentStart < 0 || at - tagStart > MaxTagPrefix
                || string.Compare(html, tagStart, "<script", 0, 7, StringComparison.OrdinalIgnoreCase) != 0)
            {
                at += TypeMarker.Length;
                continue;
            }

            var end = html.IndexOf("</script", contentStart, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                break;
            }

            blocks.Add(html.Substring(contentStart + 1, end - contentStart - 1));
            at = end;
        }

        return blocks;
    }
}
