using System.Text;
using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Walks the flattened document once and cuts its visible, non-boilerplate text into blocks at every block-level
/// element boundary (rs-trafilatura style: everything inside a node, nothing from excluded subtrees). Inline tags
/// never split words; block tags always separate.
/// </summary>
internal static class BlockWalker
{
    private const ElementState Skipped = ElementState.Excluded | ElementState.LinkDense | ElementState.Headline;

    public static List<TextBlock> Walk(DomIndex index) => Walk(index, 0, index.Events.Count, Skipped);

    /// <summary>Walks events [from, to) skipping subtrees whose state has any of <paramref name="skip"/>.</summary>
    public static List<TextBlock> Walk(DomIndex index, int from, int to, ElementState skip)
    {
        var blocks = new List<TextBlock>(256);
        var text = new StringBuilder(512);
        var owners = new Stack<int>();
        var linkChars = 0;
        var events = index.Events;
        for (var e = from; e < to; e++)
        {
            var ev = events[e];
            if (ev.Kind == DomEvent.Text)
            {
                var owner = index.TextOwner[ev.Index];
                var before = text.Length;
                AppendCollapsed(text, index.Texts[ev.Index]);
                if (index.Has(owner, ElementState.InLink))
                {
                    linkChars += text.Length - before;
                }

                continue;
            }

            var i = ev.Index;
            var isBlock = index.Is(i, TagKind.Block);
            if (ev.Kind == DomEvent.Open)
            {
                if ((index.State[i] & skip) != 0)
                {
                    if (isBlock || index.Is(i, TagKind.Link))
                    {
                        Flush(index, blocks, text, owners, ref linkChars);
                    }

                    e = index.CloseEvent[i];
                    continue;
                }

                if (isBlock)
                {
                    Flush(index, blocks, text, owners, ref linkChars);
                    owners.Push(i);
                }
            }
            else if (isBlock)
            {
                Flush(index, blocks, text, owners, ref linkChars);
                if (owners.Count > 0 && owners.Peek() == i)
                {
                    owners.Pop();
                }
            }
        }

        Flush(index, blocks, text, owners, ref linkChars);
        return blocks;
    }

    private static void AppendCollapsed(StringBuilder text, string data)
    {
        foreach (var c in data)
        {
            if (c is ' ' or '\n' or '\r' or '\t' or '\f')
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
            }
            else if (c is not ('\u00AD' or '\u200B' or '\uFEFF'))
            {
                text.Append(c);
            }
        }
    }

    private static void Flush(DomIndex index, List<TextBlock> blocks, StringBuilder text, Stack<int> owners, ref int linkChars)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && text[start] == ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] == ' ')
        {
            end--;
        }

        if (end > start)
        {
            var owner = owners.Count > 0 ? owners.Peek() : 0;
            blocks.Add(new TextBlock(text.ToString(start, end - start), owner, Math.Min(linkChars, end - start), index.Is(owner, TagKind.Heading)));
        }

        text.Clear();
        linkChars = 0;
    }
}
