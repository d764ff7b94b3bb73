using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Readability's candidate scoring computed from the walk's blocks and the index counters (no DOM access):
/// each block of 25+ chars adds 1 + commas + min(len/100, 3) to its owner's parent (full), grandparent (half)
/// and three more ancestors (1/(3·level)); scores start from a tag base and ±25 for class hints and are scaled by
/// (1 − link density).
/// </summary>
internal static class ReadabilityScorer
{
    /// <summary>Readability's minimum paragraph length for scoring.</summary>
    private const int MinBlockChars = 25;

    /// <summary>Readability's ancestor depth.</summary>
    private const int AncestorLevels = 5;

    /// <summary>Readability's class-weight step.</summary>
    private const double ClassWeight = 25;

    private const TagKind ParagraphLike = TagKind.Paragraph | TagKind.ListItem | TagKind.Heading | TagKind.Quote | TagKind.Pre | TagKind.Cell | TagKind.Break;

    /// <summary>Returns the best-scoring element index, or -1.</summary>
    public static int FindTop(DomIndex index, List<TextBlock> blocks)
    {
        var scores = new Dictionary<int, double>();
        foreach (var block in blocks)
        {
            var length = block.Length;
            if (length < MinBlockChars || index.Has(block.Owner, ElementState.InComments))
            {
                continue;
            }

            var score = 1 + block.Commas + Math.Min(length / 100, 3);
            // Text sitting directly in a container (div-with-br layouts) is a virtual <p> child of that container,
            // as Readability wraps such runs in <p> before scoring.
            var ancestor = index.Is(block.Owner, ParagraphLike) ? index.Parent[block.Owner] : block.Owner;
            for (var level = 0; level < AncestorLevels && ancestor > 0; level++)
            {
                if (!scores.TryGetValue(ancestor, out var current))
                {
                    current = BaseScore(index, ancestor);
                }

                var divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores[ancestor] = current + (score / divider);
                ancestor = index.Parent[ancestor];
            }
        }

        var top = -1;
        var best = double.MinValue;
        foreach (var (element, raw) in scores)
        {
            var text = index.Text[element];
            var density = text == 0 ? 0 : (double)index.LinkText[element] / text;
            var final = raw * (1 - density);
            if (final > best)
            {
                best = final;
                top = element;
            }
        }

        return top;
    }

    private static double BaseScore(DomIndex index, int element)
    {
        var tag = index.Tags[element];
        double score = (tag & TagKind.Div) != 0 ? 5
            : (tag & (TagKind.Pre | TagKind.Cell | TagKind.Quote)) != 0 ? 3
            : (tag & (TagKind.List | TagKind.ListItem | TagKind.Form)) != 0 ? -3
            : (tag & TagKind.Heading) != 0 ? -5
            : 0;
        var tokens = index.Tokens[element];
        if ((tokens & TokenClass.Positive) != 0)
        {
            score += ClassWeight;
        }

        if ((tokens & TokenClass.Boilerplate) != 0)
        {
            score -= ClassWeight;
        }

        return score;
    }
}
