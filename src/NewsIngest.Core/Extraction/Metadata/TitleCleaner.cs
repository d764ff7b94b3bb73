namespace NewsIngest.Core.Extraction.Metadata;

/// <summary>
/// Removes the site-name parts of a page title (" – Site", " | Rubrique | Site", "Site :: Rubrique :: …").
/// A part equal to a page heading wins outright; parts equal to the site name go; otherwise a short tail is cut
/// (any separator) and short leading parts are cut before a long final part (strong separators only).
/// </summary>
internal static class TitleCleaner
{
    /// <summary>Separators tried in order; the hyphen last because headlines use it ("Trump - Lavrov : …").</summary>
    private static readonly string[] Separators = [" | ", " :: ", " » ", " · ", " – ", " — ", " // ", " ‹ ", " › ", " - "];

    /// <summary>Site names and rubric labels are short: at most this many words and chars (trafilatura/Readability heuristics).</summary>
    private const int SiteMaxWords = 5;

    private const int SiteMaxChars = 35;

    /// <summary>A headline kept after cutting has more than this many words (Readability reverts shorter results).</summary>
    private const int HeadlineMinWords = 4;

    public static string? Clean(string? title, string? siteName, IReadOnlyCollection<string> headings)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }

        var text = Normalize(title);
        if (headings.Any(h => h.Equals(text, StringComparison.OrdinalIgnoreCase)))
        {
            return text;
        }

        foreach (var separator in Separators)
        {
            if (!text.Contains(separator, StringComparison.Ordinal))
            {
                continue;
            }

            var parts = text.Split(separator).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            var cleaned = CleanParts(parts, separator, siteName, headings);
            if (cleaned is not null)
            {
                return cleaned;
            }
        }

        return text;
    }

    public static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? CleanParts(List<string> parts, string separator, string? siteName, IReadOnlyCollection<string> headings)
    {
        // A run of consecutive parts equal to a heading on the page is the headline.
        for (var from = 0; from < parts.Count; from++)
        {
            for (var to = parts.Count; to > from; to--)
            {
                var candidate = string.Join(separator, parts.Skip(from).Take(to - from));
                if ((from > 0 || to < parts.Count) && headings.Any(h => h.Equals(candidate, StringComparison.OrdinalIgnoreCase)))
                {
                    return candidate;
                }
            }
        }

        var kept = parts.Where(p => !Matches(p, siteName)).ToList();
        if (kept.Count != parts.Count && kept.Count > 0)
        {
            return CleanParts(kept, separator, null, headings) ?? string.Join(separator, kept);
        }

        if (parts.Count < 2)
        {
            return null;
        }

        var strong = separator != " - ";
        var last = parts[^1];
        var head = string.Join(separator, parts.Take(parts.Count - 1));
        if (IsShortLabel(last) && WordCount(head) > HeadlineMinWords)
        {
            return CleanParts(parts.Take(parts.Count - 1).ToList(), separator, null, headings) ?? head;
        }

        if (strong && parts.Take(parts.Count - 1).All(IsShortLabel) && WordCount(last) > HeadlineMinWords)
        {
            return last;
        }

        return null;
    }

    private static bool IsShortLabel(string part) => part.Length < SiteMaxChars && WordCount(part) <= SiteMaxWords;

    private static bool Matches(string part, string? siteName) =>
        !string.IsNullOrEmpty(siteName) && (part.Equals(siteName, StringComparison.OrdinalIgnoreCase)
            || part.Replace(" ", string.Empty, StringComparison.Ordinal).Equals(siteName.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
