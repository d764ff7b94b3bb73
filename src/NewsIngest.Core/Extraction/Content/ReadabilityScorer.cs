using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Readability's candidate scoring computed from the walk's blocks and the index counters (no DOM access):
/// each block of 25+ chars adds 1 + commas + min(len/100, 3) to its owner's parent (full), grandparent (half)
/// and three more ancestors (1/(3·level)); scores start from a tag base and ±25 for class hints and are scaled by
/// (1 − link density). Then, as Readability.js does, the winner is promoted to the ancestor its runners-up share,
/// climbs while its parent scores higher, and takes its high-scoring siblings: the body split into sibling sections.
/// </summary>
internal static class ReadabilityScorer
{
    /// <summary>Readability's minimum paragraph length for scoring.</summary>
    private const int MinBlockChars = 25;

    /// <summary>Readability's ancestor depth.</summary>
    private const int AncestorLevels = 5;

    /// <summary>Readability's class-weight step.</summary>
    private const double ClassWeight = 25;

    /// <summary>Readability's DEFAULT_N_TOP_CANDIDATES.</summary>
    private const int TopCandidates = 5;

    /// <summary>Readability promotes a shared ancestor when this many runners-up lie under it (MINIMUM_TOPCANDIDATES).</summary>
    private const int MinSharedRunnersUp = 3;

    /// <summary>A runner-up counts for promotion at this share of the top score (Readability: 0.75).</summary>
    private const double RunnerUpShare = 0.75;

    /// <summary>The climb stops at a parent scoring under this share of the top (Readability: 1/3).</summary>
    private const double ClimbFloor = 1.0 / 3;

    /// <summary>A sibling joins at this share of the top score, and never under <see cref="SiblingMinScore"/> (Readability: 0.2, 10).</summary>
    private const double SiblingShare = 0.2;

    private const double SiblingMinScore = 10;

    private const TagKind ParagraphLike = TagKind.Paragraph | TagKind.ListItem | TagKind.Heading | TagKind.Quote | TagKind.Pre | TagKind.Cell | TagKind.Break;

    /// <summary>
    /// Returns the Readability pick: the top element after promotion and climbing (or -1), and the elements that make
    /// up the body (the top and its qualifying siblings, in document order).
    /// </summary>
    /// <param name="index">The page.</param>
    /// <param name="blocks">The blocks of a walk.</param>
    /// <param name="relaxed">
    /// Blocks come from the relaxed walk: link density is then measured on those blocks, since the index counters
    /// leave out what the class rules excluded.
    /// </param>
    public static (int Top, List<int> Members) Find(DomIndex index, List<TextBlock> blocks, bool relaxed = false)
    {
        var scores = Score(index, blocks, relaxed);
        if (scores.Count == 0)
        {
            return (-1, []);
        }

        var ranked = new List<(int Element, double Score)>(TopCandidates + 1);
        foreach (var (element, score) in scores)
        {
            var at = ranked.FindIndex(r => score > r.Score);
            if (at < 0 && ranked.Count < TopCandidates)
            {
                ranked.Add((element, score));
            }
            else if (at >= 0)
            {
                ranked.Insert(at, (element, score));
                if (ranked.Count > TopCandidates)
                {
                    ranked.RemoveAt(TopCandidates);
                }
            }
        }

        var top = Promote(index, ranked);
        top = Climb(index, scores, top);
        return (top, Siblings(index, scores, top, relaxed ? ElementState.HardExcluded : ElementState.Excluded));
    }

    private static Dictionary<int, double> Score(DomIndex index, List<TextBlock> blocks, bool relaxed)
    {
        var density = relaxed ? BlockLinkDensity(index, blocks) : null;
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

        foreach (var element in scores.Keys)
        {
            var text = index.Text[element];
            var linkShare = density is not null ? density.GetValueOrDefault(element) : text == 0 ? 0 : (double)index.LinkText[element] / text;
            scores[element] *= 1 - linkShare;
        }

        return scores;
    }

    /// <summary>Link share of every ancestor of the blocks, from the blocks themselves (only for the relaxed walk).</summary>
    private static Dictionary<int, double> BlockLinkDensity(DomIndex index, List<TextBlock> blocks)
    {
        var sums = new Dictionary<int, (int Text, int Link)>();
        foreach (var block in blocks)
        {
            for (var a = block.Owner; a > 0; a = index.Parent[a])
            {
                var (text, link) = sums.GetValueOrDefault(a);
                sums[a] = (text + block.Length, link + block.LinkChars);
            }
        }

        var density = new Dictionary<int, double>(sums.Count);
        foreach (var (element, (text, link)) in sums)
        {
            density[element] = text == 0 ? 0 : (double)link / text;
        }

        return density;
    }

    /// <summary>When enough runners-up sit under one ancestor of the top, that ancestor holds the whole body.</summary>
    private static int Promote(DomIndex index, List<(int Element, double Score)> ranked)
    {
        var top = ranked[0].Element;
        var floor = RunnerUpShare * ranked[0].Score;
        if (ranked.Count <= MinSharedRunnersUp || floor <= 0)
        {
            return top;
        }

        for (var a = index.Parent[top]; a > 0 && a != index.Body; a = index.Parent[a])
        {
            var under = 0;
            for (var r = 1; r < ranked.Count; r++)
            {
                if (ranked[r].Score >= floor && index.IsInside(ranked[r].Element, a) && ranked[r].Element != a)
                {
                    under++;
                }
            }

            if (under >= MinSharedRunnersUp)
            {
                return a;
            }
        }

        return top;
    }

    /// <summary>Readability's climb: take the first scored parent that beats the last score; stop under a third of the top.</summary>
    private static int Climb(DomIndex index, Dictionary<int, double> scores, int top)
    {
        if (!scores.TryGetValue(top, out var last))
        {
            return top;
        }

        var floor = last * ClimbFloor;
        for (var p = index.Parent[top]; p > 0 && p != index.Body; p = index.Parent[p])
        {
            if (!scores.TryGetValue(p, out var score))
            {
                continue;
            }

            if (score < floor)
            {
                break;
            }

            if (score > last)
            {
                return p;
            }

            last = score;
        }

        return top;
    }

    /// <summary>The top plus its siblings scoring at least a fifth of it (a bonus for sharing its class), in document order.</summary>
    private static List<int> Siblings(DomIndex index, Dictionary<int, double> scores, int top, ElementState excluded)
    {
        var members = new List<int>();
        var parent = index.Parent[top];
        if (parent < 0 || !scores.TryGetValue(top, out var topScore))
        {
            members.Add(top);
            return members;
        }

        var threshold = Math.Max(SiblingMinScore, SiblingShare * topScore);
        var topClass = index.Elements[top].GetAttribute("class");
        for (var c = parent + 1; c < index.End[parent]; c = index.End[c])
        {
            if (c == top)
            {
                members.Add(c);
                continue;
            }

            if (index.Has(c, excluded | ElementState.InComments) || !scores.TryGetValue(c, out var score))
            {
                continue;
            }

            var bonus = !string.IsNullOrEmpty(topClass) && index.Elements[c].GetAttribute("class") == topClass ? SiblingShare * topScore : 0;
            if (score + bonus >= threshold)
            {
                members.Add(c);
            }
        }

        return members;
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
