namespace NewsIngest.Core.Extraction.Dom;

/// <summary>Per-element flags derived top-down (inherited) or from the element itself; never a DOM mutation.</summary>
[Flags]
internal enum ElementState : ushort
{
    None = 0,

    /// <summary>Hidden by attribute, style or class (the subtree never renders).</summary>
    Hidden = 1 << 0,

    /// <summary>The element itself is boilerplate by tag, class/id or role.</summary>
    SelfBoilerplate = 1 << 1,

    /// <summary>The element or an ancestor is junk, hidden or boilerplate: its text is not content.</summary>
    Excluded = 1 << 2,

    /// <summary>Inside an &lt;a&gt;.</summary>
    InLink = 1 << 3,

    /// <summary>Inside &lt;article&gt; or &lt;main&gt; (so a header/footer here is part of the story frame).</summary>
    InArticle = 1 << 4,

    /// <summary>Inside a &lt;p&gt;.</summary>
    InParagraph = 1 << 5,

    /// <summary>A link-dense list/div/table inside content (excluded by the walk).</summary>
    LinkDense = 1 << 6,

    /// <summary>The headline element (excluded by the walk).</summary>
    Headline = 1 << 7,

    /// <summary>Inside a comments zone.</summary>
    InComments = 1 << 8,

    /// <summary>Hard junk by tag (script, style, form controls…): never content, whatever the guards say.</summary>
    Junk = 1 << 9,

    /// <summary>Holds a text run that is only a breadcrumb separator ("&gt;", "›", "»").</summary>
    BreadcrumbSeparator = 1 << 10,

    /// <summary>Has an image as a direct child (a figure without &lt;figure&gt;).</summary>
    HasImage = 1 << 11,

    /// <summary>A short lone paragraph beside an image: a caption (excluded by the walk).</summary>
    Caption = 1 << 12,

    /// <summary>
    /// Excluded by what the markup is rather than by the class words pages misapply: junk, hidden, boilerplate tags (nav,
    /// aside, figure, form, header/footer outside the story), unambiguous zones (related, share, ads, newsletter,
    /// comments), or inside one. The independent rescue candidate walks everything else.
    /// </summary>
    HardExcluded = 1 << 13,
}
