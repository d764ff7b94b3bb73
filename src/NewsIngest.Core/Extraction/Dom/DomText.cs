using System.Text;

namespace NewsIngest.Core.Extraction.Dom;

/// <summary>The visible text of one element's subtree, read from the flattened events (never from the DOM).</summary>
internal static class DomText
{
    /// <summary>Collapsed text of element <paramref name="i"/>, skipping junk and hidden parts; at most <paramref name="max"/> chars.</summary>
    public static string Of(DomIndex index, int i, int max = 1000)
    {
        var text = new StringBuilder();
        var to = index.CloseEvent[i];
        for (var e = index.OpenEvent[i]; e < to && text.Length < max; e++)
        {
            var ev = index.Events[e];
            if (ev.Kind == DomEvent.Open)
            {
                var child = ev.Index;
                if (child != i && index.Has(child, ElementState.Junk | ElementState.Hidden))
                {
                    e = index.CloseEvent[child];
                }
                else if (child != i && index.Is(child, TagKind.Block) && text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }
            }
            else if (ev.Kind == DomEvent.Text)
            {
                foreach (var c in index.Texts[ev.Index])
                {
                    if (char.IsWhiteSpace(c))
                    {
                        if (text.Length > 0 && text[^1] != ' ')
                        {
                            text.Append(' ');
                        }
                    }
                    else if (c != '\u00AD')
                    {
                        text.Append(c);
                    }
                }
            }
        }

        return text.ToString().Trim();
    }
}
