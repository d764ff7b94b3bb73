using AngleSharp.Dom;
using NewsIngest.Core.Extraction.Cleaning;

namespace NewsIngest.Core.Extraction.Dom;

/// <summary>
/// The one harvest of a parsed page: every element numbered in pre-order with parent, subtree end, tag role,
/// class/id classification and state flags; subtree counters (text, link text, links, paragraphs, commas);
/// the document flattened into open/close/text events; and the head elements the metadata stage needs.
/// Built by <see cref="DomIndexBuilder"/>; read-only afterwards.
/// </summary>
internal sealed class DomIndex
{
    public DomIndex(int capacity)
    {
        Elements = new IElement[capacity];
        Parent = new int[capacity];
        End = new int[capacity];
        Tags = new TagKind[capacity];
        Tokens = new TokenClass[capacity];
        State = new ElementState[capacity];
        OwnText = new int[capacity];
        OwnCommas = new int[capacity];
        OpenEvent = new int[capacity];
        CloseEvent = new int[capacity];
    }

    public int Count { get; set; }

    public IElement[] Elements { get; private set; }

    public int[] Parent { get; private set; }

    /// <summary>Exclusive end of the element's subtree in pre-order numbering.</summary>
    public int[] End { get; private set; }

    public TagKind[] Tags { get; private set; }

    public TokenClass[] Tokens { get; private set; }

    public ElementState[] State { get; private set; }

    /// <summary>Normalised length of the text directly inside the element (not in child elements).</summary>
    public int[] OwnText { get; private set; }

    public int[] OwnCommas { get; private set; }

    public int[] OpenEvent { get; private set; }

    public int[] CloseEvent { get; private set; }

    /// <summary>Visible (non-junk, non-hidden) text length of the subtree, boilerplate included.</summary>
    public int[] RawText { get; private set; } = [];

    /// <summary>Text length of the subtree inside &lt;p&gt;, boilerplate included.</summary>
    public int[] RawParagraphText { get; private set; } = [];

    /// <summary>Text length of the subtree outside excluded parts.</summary>
    public int[] Text { get; private set; } = [];

    public int[] LinkText { get; private set; } = [];

    public int[] LinkCount { get; private set; } = [];

    public int[] ParagraphCount { get; private set; } = [];

    public int[] ParagraphText { get; private set; } = [];

    public int[] Commas { get; private set; } = [];

    /// <summary>Empties the index for reuse on another page, keeping its buffers (per-thread reuse avoids ~300 KB of arrays per page).</summary>
    public void Reset()
    {
        Array.Clear(Elements, 0, Count);
        Array.Clear(OwnText, 0, Count);
        Array.Clear(OwnCommas, 0, Count);
        Count = 0;
        Events.Clear();
        Texts.Clear();
        TextOwner.Clear();
        MetaTags.Clear();
        LinkTags.Clear();
        TimeElements.Clear();
        Headings.Clear();
        ItemProps.Clear();
        Anchors.Clear();
        Body = -1;
        DocumentTitle = null;
        HtmlLang = null;
    }

    /// <summary>Sizes and zeroes the subtree-sum arrays for the current element count.</summary>
    public void PrepareSums()
    {
        if (RawText.Length < Count)
        {
            var size = Elements.Length;
            RawText = new int[size];
            RawParagraphText = new int[size];
            Text = new int[size];
            LinkText = new int[size];
            LinkCount = new int[size];
            ParagraphCount = new int[size];
            ParagraphText = new int[size];
            Commas = new int[size];
            return;
        }

        foreach (var array in new[] { RawText, RawParagraphText, Text, LinkText, LinkCount, ParagraphCount, ParagraphText, Commas })
        {
            Array.Clear(array, 0, Count);
        }
    }

    public List<DomEvent> Events { get; } = new(4096);

    public List<string> Texts { get; } = new(2048);

    /// <summary>The element index owning each text run.</summary>
    public List<int> TextOwner { get; } = new(2048);

    public int Body { get; set; } = -1;

    public List<IElement> MetaTags { get; } = [];

    public List<IElement> LinkTags { get; } = [];

    public List<int> TimeElements { get; } = [];

    public List<int> Headings { get; } = [];

    public List<int> ItemProps { get; } = [];

    public List<int> Anchors { get; } = [];

    public string? DocumentTitle { get; set; }

    public string? HtmlLang { get; set; }

    public void Grow()
    {
        var size = Elements.Length * 2;
        Elements = Resize(Elements, size);
        Parent = Resize(Parent, size);
        End = Resize(End, size);
        Tags = Resize(Tags, size);
        Tokens = Resize(Tokens, size);
        State = Resize(State, size);
        OwnText = Resize(OwnText, size);
        OwnCommas = Resize(OwnCommas, size);
        OpenEvent = Resize(OpenEvent, size);
        CloseEvent = Resize(CloseEvent, size);
    }

    public bool Has(int i, ElementState state) => (State[i] & state) != 0;

    public bool Is(int i, TagKind kind) => (Tags[i] & kind) != 0;

    public bool IsInside(int i, int ancestor) => i >= ancestor && i < End[ancestor];

    private static T[] Resize<T>(T[] array, int size)
    {
        var copy = new T[size];
        Array.Copy(array, copy, array.Length);
        return copy;
    }
}
