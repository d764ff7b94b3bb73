namespace NewsIngest.Core.Extraction.Cleaning;

/// <summary>What a class or id attribute says about an element: boilerplate categories and content-tier hints.</summary>
[Flags]
internal enum TokenClass : uint
{
    None = 0,
    Navigation = 1 << 0,
    Share = 1 << 1,
    Newsletter = 1 << 2,
    Related = 1 << 3,
    Ad = 1 << 4,
    Comments = 1 << 5,
    Caption = 1 << 6,
    Meta = 1 << 7,
    Consent = 1 << 8,
    Sidebar = 1 << 9,
    Paywall = 1 << 10,
    Hidden = 1 << 11,

    /// <summary>A tier-1 hit only by a generic whole token ("post", "entry"): WordPress puts it on the whole post template.</summary>
    GenericBody = 1 << 12,

    /// <summary>Tier 1: an explicit article-body container (entry-content, article-body, …).</summary>
    ContentTier1 = 1 << 16,

    /// <summary>Tier 3: story/article-ish containers (class "story", class starting "article", …).</summary>
    ContentTier3 = 1 << 17,

    /// <summary>Tier 4: generic content containers (content, main-content, …).</summary>
    ContentTier4 = 1 << 18,

    /// <summary>Tier 5: a "main…" container.</summary>
    MainTier5 = 1 << 19,

    /// <summary>A Readability-style positive hint (article, body, content, entry, main, page, post, text, blog, story).</summary>
    Positive = 1 << 20,

    /// <summary>A headline container (headline, entry-title, post-title, article-title).</summary>
    Headline = 1 << 21,

    /// <summary>A live-blog update or timeline entry.</summary>
    LiveUpdate = 1 << 22,

    /// <summary>A date/time/byline container whose text may hold the visible publication date.</summary>
    DateHint = 1 << 23,

    /// <summary>An author-name container (author-name, byline, writer, signature).</summary>
    AuthorHint = 1 << 24,

    /// <summary>A breadcrumb trail.</summary>
    Breadcrumb = 1 << 25,

    /// <summary>A standfirst / chapô / lead paragraph container.</summary>
    Standfirst = 1 << 26,

    Boilerplate = Navigation | Share | Newsletter | Related | Ad | Comments | Caption | Meta | Consent | Sidebar | Paywall | Hidden,
    ContentHint = ContentTier1 | ContentTier3 | ContentTier4 | MainTier5,
}
