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

    private const TagKind ContainerTags = TagKind.Div | TagKind.Section | TagKind.Article | TagKind.Main | TagKind.Cell;

    private static readonly TokenClass[] Tiers = [TokenClass.ContentTier1, TokenClass.None, TokenClass.ContentTier3, TokenClass.ContentTier4, TokenClass.MainTier5];

    /// <summary>Returns the chosen content node (or -1) and its blocks in document order.</summary>
    public static (int Node, List<TextBlock> Blocks) Locate(DomIndex index, List<TextBlock> blocks)
    {
        var tierNode = FindTierNode(index);
        var readability = ReadabilityScorer.FindTop(index, blocks);
        var node = Choose(index, tierNode, readability);
        if (node < 0)
        {
            return (-1, []);
        }

        var members = SplitBodyMembers(index, node);
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

        return (node, selected);
    }

    private static int Choose(DomIndex index, int tierNode, int readability)
    {
        if (tierNode < 0)
        {
            return readability >= 0 ? readability : index.Body;
        }

        if (readability < 0 || index.IsInside(readability, tierNode) || index.IsInside(tierNode, readability))
        {
            return tierNode;
        }

        return index.Text[readability] > OverrideRatio * index.Text[tierNode] ? readability : tierNode;
    }

    private static int FindTierNode(DomIndex index)
    {
        var firstShort = -1;
        foreach (var tier in Tiers)
        {
            for (var i = 0; i < index.Count; i++)
            {
                if (!IsTierHit(index, i, tier) || !IsEligible(index, i))
                {
                    continue;
                }

                if (index.Text[i] >= MinNodeChars)
                {
                    return i;
                }

                if (firstShort < 0 && index.Text[i] > 0 && tier != TokenClass.MainTier5)
                {
                    firstShort = i;
                }
            }
        }

        return firstShort < 0 ? -1 : WalkUp(index, firstShort);
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

    /// <summary>The node plus sibling chunks sharing its exact class (bodies split by ads or newsletter boxes).</summary>
    private static List<int> SplitBodyMembers(DomIndex index, int node)
    {
        var members = new List<int> { node };
        var className = index.Elements[node].GetAttribute("class");
        var parent = index.Parent[node];
        if (string.IsNullOrEmpty(className) || parent < 0 || (index.Tokens[node] & TokenClass.ContentTier1) == 0)
        {
            return members;
        }

        for (var i = parent + 1; i < index.End[parent]; i = index.End[i])
        {
            if (i != node && !index.Has(i, ElementState.Excluded) && index.Elements[i].GetAttribute("class") == className)
            {
                members.Add(i);
            }
        }

        return members;
    }
}
