namespace NewsIngest.Core.Pipeline;

/// <summary>
/// Estimates how deep a page's elements nest with one pass over its bytes, before any parser or recursive tree walk
/// sees it: a page nested thousands of levels deep can overflow the stack of recursive code, and a stack overflow ends
/// the whole process — it cannot be caught.
/// </summary>
/// <remarks>
/// The estimate counts start tags minus end tags, skipping comments, doctype, raw-text elements (script, style…),
/// void elements and elements whose end tag HTML lets authors omit (p, li, td…), so sloppy but real pages stay far below
/// any sensible limit. Works on ASCII-compatible encodings; UTF-16 pages read as depth 0 and rely on the large extraction stack.
/// </remarks>
public static class MarkupDepth
{
    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // Void elements: never have content.
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "basefont", "bgsound", "frame", "keygen", "image",
        // Elements whose end tag may be omitted: parsers close them implicitly.
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
        "rb", "rt", "rtc", "rp", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    // Span lookups: no string per tag on a multi-megabyte page.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> UncountedNames = Uncounted.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextNames = RawText.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Null when the page nests at most <paramref name="maxDepth"/> levels; otherwise the <see cref="RejectionStatus.TooDeep"/>
    /// refusal that ParsePage records and <c>newsingest parse</c> reports.
    /// </summary>
    public static (string Status, string Reason)? Refusal(ReadOnlySpan<byte> html, int maxDepth) =>
        Estimate(html, stopAt: maxDepth + 1) > maxDepth
            ? (RejectionStatus.TooDeep, $"The markup nests more than {maxDepth} levels deep.")
            : null;

    /// <summary>The deepest nesting seen; stops counting once <paramref name="stopAt"/> is reached.</summary>
    public static int Estimate(ReadOnlySpan<byte> html, int stopAt = int.MaxValue)
    {
        int depth = 0, max = 0, i = 0, foreign = 0;
        Span<char> name = stackalloc char[16];
        while (max < stopAt && (i = NextTag(html, i)) >= 0)
        {
            if (html[i..].StartsWith("<!--"u8))
            {
                i = SkipPast(html, i + 4, "-->"u8);
                continue;
            }

            var closing = i + 1 < html.Length && html[i + 1] == '/';
            var start = i + (closing ? 2 : 1);
            var length = ReadName(html, start, name);
            if (length == 0)
            {
                i = start;
                continue;
            }

            var end = EndOfTag(html, start + length);
            ReadOnlySpan<char> tag = name[..Math.Min(length, name.Length)];
            var isForeignRoot = tag.Equals("svg", StringComparison.OrdinalIgnoreCase) || tag.Equals("math", StringComparison.OrdinalIgnoreCase);
            if (closing)
            {
                depth = UncountedNames.Contains(tag) ? depth : Math.Max(0, depth - 1);
                foreign = isForeignRoot ? Math.Max(0, foreign - 1) : foreign;
            }
            else if (RawTextNames.Contains(tag))
            {
                end = SkipPast(html, end, "</"u8);
            }
            else if (html[end - 2] == '/' && (foreign > 0 || isForeignRoot))
            {
                // "/>" closes an element only in SVG and MathML; in HTML "<div/>" opens a div like "<div>" does.
            }
            else if (!UncountedNames.Contains(tag))
            {
                max = Math.Max(max, ++depth);
                foreign += isForeignRoot ? 1 : 0;
            }

            i = end;
        }

        return max;
    }

    private static int NextTag(ReadOnlySpan<byte> html, int from)
    {
        if (from >= html.Length)
        {
            return -1;
        }

        var offset = html[from..].IndexOf((byte)'<');
        return offset < 0 ? -1 : from + offset;
    }

    private static int ReadName(ReadOnlySpan<byte> html, int start, Span<char> name)
    {
        var length = 0;
        while (start + length < html.Length && IsNameByte(html[start + length], length == 0))
        {
            if (length < name.Length)
            {
                name[length] = (char)html[start + length];
            }

            length++;
        }

        return length;
    }

    private static bool IsNameByte(byte b, bool first) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' || (!first && (b is >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)':'));

    /// <summary>The index just past the tag's closing '>', quoted attribute values skipped.</summary>
    private static int EndOfTag(ReadOnlySpan<byte> html, int from)
    {
        byte quote = 0;
        for (var i = from; i < html.Length; i++)
        {
            var b = html[i];
            if (quote != 0)
            {
                quote = b == quote ? (byte)0 : quote;
            }
            else if (b is (byte)'"' or (byte)'\'')
            {
                quote = b;
            }
            else if (b == '>')
            {
                return i + 1;
            }
        }

        return html.Length;
    }

    private static int SkipPast(ReadOnlySpan<byte> html, int from, ReadOnlySpan<byte> marker)
    {
        if (from >= html.Length)
        {
            return html.Length;
        }

        var offset = html[from..].IndexOf(marker);
        return offset < 0 ? html.Length : from + offset + marker.Length;
    }
}
