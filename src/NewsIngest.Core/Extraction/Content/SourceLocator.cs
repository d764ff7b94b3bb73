using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Finds the credit line ("Source : X") around the content node even when a class excluded it from the walk
/// (credit/caption-classed paragraphs): the last one inside the node, else the first one after it in the same parent.
/// </summary>
internal static class SourceLocator
{
    /// <summary>A credit line longer than this is prose (matches <see cref="BodyAssembler"/>).</summary>
    private const int MaxChars = 160;

    public static string? Find(DomIndex index, int node)
    {
        if (node <= 0)
        {
            return null;
        }

        var region = index.Parent[node] > 0 ? index.Parent[node] : node;
        string? inside = null;
        var end = index.CloseEvent[region];
        for (var e = index.OpenEvent[region]; e < end; e++)
        {
            var ev = index.Events[e];
            if (ev.Kind != DomEvent.Text || !StartsLikeSource(index.Texts[ev.Index]))
            {
                continue;
            }

            var block = index.TextOwner[ev.Index];
            while (!index.Is(block, TagKind.Block) && index.Parent[block] > 0)
            {
                block = index.Parent[block];
            }

            if (index.RawText[block] > MaxChars || index.Has(block, ElementState.InComments | ElementState.Hidden))
            {
                continue;
            }

            var value = BodyAssembler.SourceValue(DomText.Of(index, block, MaxChars + 1));
            if (value is null)
            {
                continue;
            }

            if (index.IsInside(block, node))
            {
                inside = value;
            }
            else if (block > node)
            {
                return inside ?? value;
            }
        }

        return inside;
    }

    private static bool StartsLikeSource(string text)
    {
        var trimmed = text.AsSpan().TrimStart(" \t\r\n\u00A0([«*");
        return trimmed.StartsWith("Source", StringComparison.OrdinalIgnoreCase);
    }
}
