using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Flags the headline so the body never starts with it (0/89 benchmark truths do): every h1, headline-classed or
/// itemprop=headline elements, and an h2/h3 repeating the title.
/// </summary>
internal static class HeadlineMarker
{
    /// <summary>A "headline" container longer than this holds more than a headline.</summary>
    private const int MaxHeadlineChars = 300;

    /// <summary>Flags the headlines; returns the visible h1 texts and the h1–h2 texts (for title choice and cleaning).</summary>
    public static (List<string> H1, List<string> Headings) MarkAndCollect(DomIndex index)
    {
        var h1s = new List<string>();
        var headings = new List<string>();
        foreach (var i in index.Headings)
        {
            var isH1 = index.Is(i, TagKind.H1);
            if (index.Has(i, ElementState.Hidden | ElementState.InComments) || index.RawText[i] > MaxHeadlineChars
                || (!isH1 && index.Elements[i].LocalName != "h2"))
            {
                continue;
            }

            var text = TitleCleaner(DomText.Of(index, i, MaxHeadlineChars));
            if (text.Length > 0)
            {
                headings.Add(text);
            }

            if (isH1)
            {
                index.State[i] |= ElementState.Headline;
                if (text.Length > 0 && !index.Has(i, ElementState.Excluded))
                {
                    h1s.Add(text);
                }
            }
        }

        for (var i = 0; i < index.Count; i++)
        {
            if ((index.Tokens[i] & TokenClass.Headline) != 0 && index.RawText[i] <= MaxHeadlineChars && !index.Is(i, TagKind.Paragraph))
            {
                index.State[i] |= ElementState.Headline;
            }
        }

        return (h1s, headings);
    }

    /// <summary>Flags h2/h3 elements whose text equals the resolved title.</summary>
    public static void MarkTitleRepeats(DomIndex index, string? title)
    {
        if (string.IsNullOrEmpty(title))
        {
            return;
        }

        foreach (var i in index.Headings)
        {
            if (!index.Is(i, TagKind.H1) && index.RawText[i] <= MaxHeadlineChars
                && TitleCleaner(DomText.Of(index, i, MaxHeadlineChars)).Equals(title, StringComparison.OrdinalIgnoreCase))
            {
                index.State[i] |= ElementState.Headline;
            }
        }
    }

    private static string TitleCleaner(string text) => Metadata.TitleCleaner.Normalize(text);
}
