namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>Removes the site-name part of a page title (" – Site", " | Site", "Site : …").</summary>
internal static class TitleCleaner
{
    private static readonly string[] Separators = [" | ", " – ", " — ", " - ", " » ", " · ", " :: ", " ‹ ", " › ", " // "];

    /// <summary>A tail this short (≤ words and chars) after a long enough head is taken for a site name (trafilatura/Readability heuristics).</summary>
    private const int SiteMaxWords = 5;

    private const int SiteMaxChars = 35;

    /// <summary>The head must keep more than this many chars for a tail to be cut.</summary>
    private const int HeadMinChars = 10;

    public static string? Clean(string? title, string? siteName, IReadOnlyCollection<string> headings)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = Normalize(title);
        foreach (var heading in headings)
        {
            if (heading.Length > 0 && heading.Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                return text;
            }
        }

        foreach (var separator in Separators)
        {
            var at = text.LastIndexOf(separator, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var head = text[..at].Trim();
            var tail = text[(at + separator.Length)..].Trim();
            if (Matches(tail, siteName) || headings.Any(h => h.Equals(head, StringComparison.OrdinalIgnoreCase)))
            {
                return head;
            }

            var first = text.IndexOf(separator, StringComparison.Ordinal);
            var lead = text[..first].Trim();
            if (Matches(lead, siteName))
            {
                return text[(first + separator.Length)..].Trim();
            }

            if (head.Length > HeadMinChars && tail.Length < SiteMaxChars && WordCount(tail) <= SiteMaxWords && WordCount(head) > WordCount(tail) && WordCount(head) > 4)
            {
                return head;
            }
        }

        return text;
    }

    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool Matches(string part, string? siteName) =>
        !string.IsNullOrEmpty(siteName) && (part.Equals(siteName, StringComparison.OrdinalIgnoreCase)
            || part.Replace(" ", string.Empty, StringComparison.Ordinal).Equals(siteName.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
