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
    public int[] RawText { get; set; } = [];

    /// <summary>Text length of the subtree inside &lt;p&gt;, boilerplate included.</summary>
    public int[] RawParagraphText { get; set; } = [];

    /// <summary>Text length of the subtree outside excluded parts.</summary>
    public int[] Text { get; set; } = [];

    public int[] LinkText { get; set; } = [];

    public int[] LinkCount { get; set; } = [];

    public int[] ParagraphCount { get; set; } = [];

    public int[] ParagraphText { get; set; } = [];

    public int[] Commas { get; set; } = [];

    public List<DomEvent> Events { get; } = new(4096);

    public List<string> Texts { get; } = new(2048);

    /// <summary>The element index owning each text run.</summary>
    public List<int> TextOwner { get; } = new(2048);

    public int Body { get; set; } = -1;

    public List<IElement> MetaTags { get; } = [];

    public List<IElement> LinkTags { get; } = [];

    public List<string> JsonLd { get; } = [];

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
