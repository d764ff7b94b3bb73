using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Second opinions for a body that came out missing, tiny or a small part of the page (trafilatura's fallback
/// comparison, run lazily): first an independent candidate, Readability scoring over the page walked without any
/// class-based exclusion, taken when clearly longer; then, under 250 chars, trafilatura's baseline (every paragraph,
/// quote and pre block outside boilerplate).
/// </summary>
internal static class Fallbacks
{
    /// <summary>Below this the located body is a miss (go-trafilatura: 250 chars).</summary>
    private const int MinChars = 250;

    /// <summary>A candidate must be this much longer to replace a non-empty result (trafilatura and go-trafilatura: 2x).</summary>
    private const double ReplaceRatio = 2;

    /// <summary>
    /// The independent candidate is computed only for a body under this many chars (trafilatura 2.2's recall retry:
    /// 3000) that is also under <see cref="RescueShare"/> of the page's visible text, so most pages never pay for it.
    /// </summary>
    private const int RescueMaxChars = 3000;

    /// <summary>trafilatura 2.2: a result under 20% of the page's text is suspect.</summary>
    private const double RescueShare = 0.2;

    /// <summary>Blocks more linked than this are menus and teaser lists: they do not count towards a candidate's length.</summary>
    private const double ProseMaxLinkDensity = 0.5;

    /// <summary>Returns the content node and blocks to use: the located ones, or a rescue when they are clearly worse.</summary>
    public static (int Node, List<TextBlock> Blocks) Apply(DomIndex index, TextBuffer buffer, List<TextBlock> all, int node, List<TextBlock> selected)
    {
        var length = ProseLength(selected);
        if (length < RescueMaxChars && index.Body >= 0 && length < RescueShare * index.RawText[index.Body])
        {
            var relaxed = BlockWalker.Walk(index, buffer, BlockWalker.Relaxed);
            var (top, members) = ReadabilityScorer.Find(index, relaxed, relaxed: true);
            var candidate = top >= 0 ? ContentLocator.BlocksInside(index, relaxed, members) : [];
            var candidateLength = ProseLength(candidate);
            // Around a real located body, the extra text of an enclosing candidate is what the class rules removed on
            // purpose (comments, recirculation): only a miss, or a candidate elsewhere on the page, may replace it.
            var enclosing = node >= 0 && top >= 0 && index.IsInside(node, top);
            if (candidateLength > ReplaceRatio * Math.Max(length, 1) && !candidate[0].Text.StartsWith('{') && (length < MinChars || !enclosing))
            {
                (node, selected, length) = (top, candidate, candidateLength);
            }
        }

        if (length >= MinChars)
        {
            return (node, selected);
        }

        var baseline = all.FindAll(b => index.Has(b.Owner, ElementState.InParagraph) || index.Is(b.Owner, TagKind.Quote | TagKind.Pre | TagKind.Paragraph));
        baseline.RemoveAll(b => index.Has(b.Owner, ElementState.InComments));
        return ProseLength(baseline) > ReplaceRatio * Math.Max(length, 1) ? (node, baseline) : (node, selected);
    }

    private static int ProseLength(List<TextBlock> blocks)
    {
        var total = 0;
        foreach (var block in blocks)
        {
            if (block.LinkDensity <= ProseMaxLinkDensity)
            {
                total += block.Length;
            }
        }

        return total;
    }
}
