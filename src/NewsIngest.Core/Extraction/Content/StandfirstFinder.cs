using NewsIngest.Core.Extraction.Cleaning;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// The standfirst (chapô, lead, dek) often sits in the article header, before the body container. It is part of
/// the article text, so a standfirst-classed element just before the content node, in the same article region,
/// becomes the body's first block.
/// </summary>
internal static class StandfirstFinder
{
    /// <summary>Shorter "standfirsts" are labels or kickers.</summary>
    private const int MinChars = 40;

    /// <summary>Longer ones are whole teasers or bodies, not a standfirst.</summary>
    private const int MaxChars = 1500;

    /// <summary>How far above the content node the article region reaches (header and body are siblings or cousins).</summary>
    private const int RegionLevels = 3;

    public static TextBlock? Find(DomIndex index, int node, IReadOnlyList<TextBlock> selected)
    {
        if (node <= 0)
        {
            return null;
        }

        var region = node;
        for (var level = 0; level < RegionLevels && index.Parent[region] > 0 && index.Parent[region] != index.Body; level++)
        {
            region = index.Parent[region];
        }

        for (var i = region + 1; i < node; i++)
        {
            if ((index.Tokens[i] & TokenClass.Standfirst) == 0 || index.IsInside(node, i))
            {
                continue;
            }

            if (index.Has(i, ElementState.InComments | ElementState.Hidden | ElementState.Junk | ElementState.Headline | ElementState.Excluded)
                || index.Is(i, TagKind.Heading) || index.RawText[i] < MinChars || index.RawText[i] > MaxChars)
            {
                continue;
            }

            var text = DomText.Of(index, i, MaxChars);
            foreach (var block in selected)
            {
                if (block.Text == text)
                {
                    return null;
                }
            }

            return new TextBlock(text, i);
        }

        return null;
    }
}
