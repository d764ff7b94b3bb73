namespace NewsIngest.Core.Extraction.Dom;

/// <summary>The role an element's tag plays for extraction.</summary>
[Flags]
internal enum TagKind : uint
{
    None = 0,

    /// <summary>Starts and ends a text block (p, div, li, h*, br, td, …).</summary>
    Block = 1 << 0,

    /// <summary>Never content: script, style, svg, iframe, form controls, … (the subtree is skipped).</summary>
    Junk = 1 << 1,

    /// <summary>Boilerplate landmarks: nav, aside, menu, dialog, figure (skipped).</summary>
    Landmark = 1 << 2,

    /// <summary>header/footer: boilerplate only outside article/main.</summary>
    HeaderFooter = 1 << 3,

    Paragraph = 1 << 4,
    Heading = 1 << 5,
    ListItem = 1 << 6,
    List = 1 << 7,
    Link = 1 << 8,
    Quote = 1 << 9,
    Pre = 1 << 10,
    Table = 1 << 11,
    Cell = 1 << 12,
    Article = 1 << 13,
    Main = 1 << 14,
    Div = 1 << 15,
    Section = 1 << 16,
    Image = 1 << 17,
    Break = 1 << 18,
    Title = 1 << 19,
    Meta = 1 << 20,
    LinkTag = 1 << 21,
    Script = 1 << 22,
    Time = 1 << 23,
    H1 = 1 << 24,
    Noscript = 1 << 25,
    Form = 1 << 26,
    Input = 1 << 27,
}
