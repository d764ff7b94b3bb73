using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Rescues for a missed content node (trafilatura's baseline): when the located blocks are too short, all paragraph,
/// quote and pre blocks of the page (outside boilerplate) are taken if that is clearly longer.
/// </summary>
internal static class Fallbacks
{
    /// <summary>Below this the located body is a miss (go-trafilatura: 250 chars).</summary>
    private const int MinChars = 250;

    /// <summary>The baseline must be this much longer to replace a non-empty result.</summary>
    private const double ReplaceRatio = 2;

    public static List<TextBlock> Apply(DomIndex index, List<TextBlock> all, List<TextBlock> selected)
    {
        var length = Length(selected);
        if (length >= MinChars)
        {
            return selected;
        }

        var baseline = all.FindAll(b => index.Has(b.Owner, ElementState.InParagraph) || index.Is(b.Owner, TagKind.Quote | TagKind.Pre | TagKind.Paragraph));
        baseline.RemoveAll(b => index.Has(b.Owner, ElementState.InComments));
        return Length(baseline) > ReplaceRatio * Math.Max(length, 1) ? baseline : selected;
    }

    private static int Length(List<TextBlock> blocks)
    {
        var total = 0;
        foreach (var block in blocks)
        {
            total += block.Length;
        }

        return total;
    }
}
