using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Chooses the article's content node: the first tier hit (explicit body classes, then &lt;article&gt;, then
/// story/article classes, then generic content, then main) that holds enough clean text, cross-checked against
/// the Readability top candidate; then gathers that node's blocks plus same-class split-body siblings.
/// </summary>
internal static class ContentLocator
{
    /// <summary>rs-trafilatura's acceptance minimum for a tier hit (1000 beat 500 and 750 in its sweep).</summary>
    private const int MinNodeChars = 1000;

    /// <summary>A parent replaces a short hit when it has over this many times its text (rs).</summary>
    private const double WalkUpRatio = 2;

    /// <summary>The Readability winner replaces a disjoint tier hit when it has over this many times its text (go-trafilatura's candidateIsUsable).</summary>
    private const double OverrideRatio = 2;

    /// <summary>Under this share of the page's clean text a node may be one section of a larger body.</summary>
    private const double SectionedShare = 0.5;

    /// <summary>An ancestor whose added text is more linked than this adds navigation or teasers, not sections.</summary>
    private const double SectionMaxLinkDensity = 0.25;

    /// <summary>How far up split-body chunks are looked for when no &lt;article&gt; bounds them.</summary>
    private const int SplitScopeLevels = 4;

    /// <summary>rs-trafilatura keeps a merge only under 4x the node's text (larger ones are listings).</summary>
    private const double SplitMaxRatio = 4;

    private const TagKind ContainerTags = TagKind.Div | TagKind.Section | TagKind.Article | TagKind.Main | TagKind.Cell;

    private static readonly TokenClass[] Tiers = [TokenClass.ContentTier1, TokenClass.None, TokenClass.ContentTier3, TokenClass.ContentTier4, TokenClass.MainTier5];

    /// <summary>Returns the chosen content node (or -1) and its blocks in document order.</summary>
    public static (int Node, List<TextBlock> Blocks) Locate(DomIndex index, List<TextBlock> blocks)
    {
        var tierNode = FindTierNode(index);
        var (top, readability) = ReadabilityScorer.Find(index, blocks);
        List<int> members;
        int node;
        if (tierNode >= 0 && !PrefersReadability(index, tierNode, top, readability))
        {
            node = tierNode;
            members = SplitBodyMembers(index, node);
        }
        else if (top >= 0)
        {
            node = top;
            members = readability;
        }
        else
        {
            return (-1, []);
        }

        if (members.Count > 1 && IsProseExtension(index, index.Parent[node], members))
        {
            node = index.Parent[node];
            members = [node];
        }

        if (members.Count == 1)
        {
            node = GatherSections(index, node);
            members = [node];
        }

        return (node, BlocksInside(index, blocks, members));
    }

    /// <summary>
    /// A node holding a small part of the page's clean text may be one section of a body cut into sibling sections
    /// (guides, listicles, page-builder rows): climb while what each ancestor adds is prose, not links.
    /// </summary>
    private static int GatherSections(DomIndex index, int node)
    {
        if (index.Body < 0 || index.Text[node] >= SectionedShare * index.Text[index.Body])
        {
            return node;
        }

        var current = node;
        for (var a = index.Parent[node]; a > 0 && a != index.Body; a = index.Parent[a])
        {
            if (!IsProseExtension(index, a, [current]))
            {
                break;
            }

            current = a;
        }

        return current;
    }

    /// <summary>Whether what <paramref name="ancestor"/> holds beyond <paramref name="parts"/> is prose rather than links.</summary>
    private static bool IsProseExtension(DomIndex index, int ancestor, List<int> parts)
    {
        if (ancestor <= 0 || ancestor == index.Body)
        {
            return false;
        }

        int text = index.Text[ancestor], links = index.LinkText[ancestor];
        foreach (var part in parts)
        {
            text -= index.Text[part];
            links -= index.LinkText[part];
        }

        return text <= 0 || (double)links / text <= SectionMaxLinkDensity;
    }

    /// <summary>The blocks owned by any of <paramref name="members"/>, in walk order.</summary>
    public static List<TextBlock> BlocksInside(DomIndex index, List<TextBlock> blocks, List<int> members)
    {
        var selected = new List<TextBlock>();
        foreach (var block in blocks)
        {
            foreach (var member in members)
            {
                if (index.IsInside(block.Owner, member))
                {
                    selected.Add(block);
                    break;
                }
            }
        }

        return selected;
    }

    /// <summary>
    /// The Readability pick replaces the tier hit when it is not inside it and holds over <see cref="OverrideRatio"/>
    /// times its text (go-trafilatura's candidateIsUsable): a disjoint better story, or the whole of a body whose
    /// tier hit is one of its sections.
    /// </summary>
    private static bool PrefersReadability(DomIndex index, int tierNode, int top, List<int> members)
    {
        if (top < 0 || index.IsInside(top, tierNode))
        {
            return false;
        }

        var text = 0;
        foreach (var member in members)
        {
            text += index.Text[member];
        }

        return text > OverrideRatio * index.Text[tierNode];
    }

    private static int FindTierNode(DomIndex index)
    {
        // One pass: the first accepted hit of each tier, and the first short hit in tier order.
        Span<int> accepted = stackalloc int[Tiers.Length];
        Span<int> shortHits = stackalloc int[Tiers.Length];
        accepted.Fill(-1);
        shortHits.Fill(-1);
        for (var i = 0; i < index.Count; i++)
        {
            if ((index.Tags[i] & (ContainerTags | TagKind.Article | TagKind.Main)) == 0 || !IsEligible(index, i))
            {
                continue;
            }

            for (var t = 0; t < Tiers.Length; t++)
            {
                if (!IsTierHit(index, i, Tiers[t]))
                {
                    continue;
                }

                if (accepted[t] >= 0)
                {
                    // A generic "post"/"entry" wrapper yields to an explicit body container inside it.
                    if (t == 0 && IsGenericWrapperOf(index, accepted[t], i) && index.Text[i] >= MinNodeChars
                        && !HasTwin(index, accepted[t], i))
                    {
                        accepted[t] = i;
                    }

                    continue;
                }

                if (index.Text[i] >= MinNodeChars)
                {
                    accepted[t] = i;
                }
                else if (shortHits[t] < 0 && index.Text[i] > 0 && Tiers[t] != TokenClass.MainTier5)
                {
                    shortHits[t] = i;
                }
            }
        }

        for (var t = 0; t < Tiers.Length; t++)
        {
            if (accepted[t] >= 0)
            {
                return accepted[t];
            }
        }

        foreach (var hit in shortHits)
        {
            if (hit >= 0)
            {
                return WalkUp(index, hit);
            }
        }

        return -1;
    }

    private static bool IsGenericWrapperOf(DomIndex index, int wrapper, int inner) =>
        (index.Tokens[wrapper] & TokenClass.GenericBody) != 0 && (index.Tokens[inner] & TokenClass.GenericBody) == 0
        && index.IsInside(inner, wrapper);

    /// <summary>Whether <paramref name="scope"/> holds another element with the node's exact class: a split body's chunk.</summary>
    private static bool HasTwin(DomIndex index, int scope, int node)
    {
        var className = index.Elements[node].GetAttribute("class");
        for (var i = scope + 1; i < index.End[scope]; i++)
        {
            if (i == node)
            {
                i = index.End[node] - 1;
            }
            else if ((index.Tokens[i] & TokenClass.ContentTier1) != 0 && !index.Has(i, ElementState.Excluded)
                && index.Elements[i].GetAttribute("class") == className)
            {
                return true;
            }
        }

        return false;
    }

    private static int WalkUp(DomIndex index, int node)
    {
        var candidate = node;
        for (var level = 0; level < 2; level++)
        {
            var parent = index.Parent[candidate];
            if (parent <= 0 || parent == index.Body || index.Has(parent, ElementState.Excluded))
            {
                break;
            }

            candidate = parent;
            if (index.Text[candidate] >= MinNodeChars && index.Text[candidate] > WalkUpRatio * index.Text[node])
            {
                return candidate;
            }
        }

        return node;
    }

    private static bool IsTierHit(DomIndex index, int i, TokenClass tier)
    {
        var tag = index.Tags[i];
        if (tier == TokenClass.None)
        {
            return (tag & TagKind.Article) != 0;
        }

        if ((index.Tokens[i] & tier) == 0)
        {
            return tier == TokenClass.MainTier5 && (tag & TagKind.Main) != 0;
        }

        return (tag & ContainerTags) != 0;
    }

    private static bool IsEligible(DomIndex index, int i) =>
        (index.State[i] & (ElementState.Excluded | ElementState.InComments | ElementState.LinkDense)) == 0;

    /// <summary>
    /// The node plus the other chunks of a split body: elements of the same article (or up to
    /// <see cref="SplitScopeLevels"/> levels up) with the node's exact class attribute, not nested in one another
    /// (ads and newsletter boxes cut bodies into chunks). Kept only under rs-trafilatura's bound of 4x the node.
    /// </summary>
    private static List<int> SplitBodyMembers(DomIndex index, int node)
    {
        var members = new List<int> { node };
        var className = index.Elements[node].GetAttribute("class");
        if (string.IsNullOrEmpty(className) || (index.Tokens[node] & TokenClass.ContentTier1) == 0)
        {
            return members;
        }

        var scope = node;
        for (var level = 0; level < SplitScopeLevels && index.Parent[scope] > 0 && index.Parent[scope] != index.Body; level++)
        {
            scope = index.Parent[scope];
            if (index.Is(scope, TagKind.Article | TagKind.Main))
            {
                break;
            }
        }

        var total = index.Text[node];
        for (var i = scope + 1; i < index.End[scope]; i++)
        {
            if (i == node)
            {
                i = index.End[node] - 1;
                continue;
            }

            if (!index.Has(i, ElementState.Excluded) && (index.Tokens[i] & TokenClass.ContentTier1) != 0
                && index.Elements[i].GetAttribute("class") == className && !index.IsInside(node, i))
            {
                members.Add(i);
                total += index.Text[i];
                i = index.End[i] - 1;
            }
        }

        return total <= SplitMaxRatio * index.Text[node] ? members : [node];
    }
}
