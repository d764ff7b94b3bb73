using NewsIngest.Core.Extraction.Dom;

namespace NewsIngest.Core.Extraction.Content;

/// <summary>
/// Walks the flattened document once and cuts its visible, non-boilerplate text into blocks at every block-level
/// element boundary (rs-trafilatura style: everything inside a node, nothing from excluded subtrees). Inline tags
/// never split words; block tags always separate. Text goes into one shared buffer; blocks are spans of it.
/// </summary>
internal static class BlockWalker
{
    /// <summary>What the main walk skips: everything the cleaning stage excluded.</summary>
    public const ElementState Strict = ElementState.Excluded | ElementState.LinkDense | ElementState.Headline | ElementState.Caption;

    /// <summary>What the rescue walk skips: only what the markup itself rules out, whatever the classes say.</summary>
    public const ElementState Relaxed = ElementState.HardExcluded | ElementState.Headline | ElementState.Caption;

    public static List<TextBlock> Walk(DomIndex index, TextBuffer buffer, ElementState skipped = Strict)
    {
        var walk = new Walker(index, buffer);
        var events = index.Events;
        for (var e = 0; e < events.Count; e++)
        {
            var ev = events[e];
            if (ev.Kind == DomEvent.Text)
            {
                walk.Append(index.Texts[ev.Index], index.Has(index.TextOwner[ev.Index], ElementState.InLink));
                continue;
            }

            var i = ev.Index;
            var isBlock = index.Is(i, TagKind.Block);
            if (ev.Kind == DomEvent.Open)
            {
                if ((index.State[i] & skipped) != 0)
                {
                    if (isBlock || index.Is(i, TagKind.Link))
                    {
                        walk.Flush();
                    }

                    e = index.CloseEvent[i];
                    continue;
                }

                if (isBlock)
                {
                    walk.Flush();
                    walk.Owners.Push(i);
                }
            }
            else if (isBlock)
            {
                walk.Flush();
                if (walk.Owners.Count > 0 && walk.Owners.Peek() == i)
                {
                    walk.Owners.Pop();
                }
            }
        }

        walk.Flush();
        return walk.Blocks;
    }

    private sealed class Walker(DomIndex index, TextBuffer buffer)
    {
        private int _start = buffer.Length;
        private int _linkChars;
        private int _commas;

        public List<TextBlock> Blocks { get; } = new(256);

        public Stack<int> Owners { get; } = new();

        public void Append(string data, bool inLink)
        {
            var before = buffer.Length;
            foreach (var c in data)
            {
                if (c is ' ' or '\n' or '\r' or '\t' or '\f' or '\u00A0' or '\u202F' or '\u2009' or '\u2007')
                {
                    if (buffer.Length > _start && buffer[buffer.Length - 1] != ' ')
                    {
                        buffer.Append(' ');
                    }
                }
                else if (c is not ('\u00AD' or '\u200B' or '\uFEFF'))
                {
                    buffer.Append(c);
                    if (c == ',')
                    {
                        _commas++;
                    }
                }
            }

            if (inLink)
            {
                _linkChars += buffer.Length - before;
            }
        }

        public void Flush()
        {
            var end = buffer.Length;
            if (end > _start && buffer[end - 1] == ' ')
            {
                end--;
            }

            var start = _start;
            if (end > start && buffer[start] == ' ')
            {
                start++;
            }

            if (end > start)
            {
                var owner = Owners.Count > 0 ? Owners.Peek() : 0;
                Blocks.Add(new TextBlock(buffer, start, end - start, owner, Math.Min(_linkChars, end - start), _commas, index.Is(owner, TagKind.Heading)));
                buffer.Append(' ');
                _start = buffer.Length;
            }
            else
            {
                buffer.Truncate(_start);
            }

            _linkChars = 0;
            _commas = 0;
        }
    }
}
