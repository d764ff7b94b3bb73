namespace NewsIngest.Core.Extraction.Cleaning;

/// <summary>
/// Every class/id token list the extractor uses, as data in one place. Tokens are matched case-insensitively against
/// each whitespace-separated class token (and the id); "parts" are the pieces of a token split on '-' and '_'.
/// Sources: the boilerplate vocabularies of trafilatura, rs-trafilatura and Readability (see docs/extraction.md).
/// </summary>
internal static class BoilerplateVocabulary
{
    /// <summary>A token containing one of these is boilerplate of the given class.</summary>
    public static readonly (string Needle, TokenClass Class)[] Substrings =
    [
        ("navbar", TokenClass.Navigation), ("navigation", TokenClass.Navigation), ("subnav", TokenClass.Navigation),
        ("breadcrumb", TokenClass.Navigation), ("crumbs", TokenClass.Navigation), ("pagination", TokenClass.Navigation),
        ("site-header", TokenClass.Navigation), ("page-header", TokenClass.Navigation), ("site-footer", TokenClass.Navigation),
        ("toolbar", TokenClass.Navigation), ("skip-link", TokenClass.Navigation), ("post-navigation", TokenClass.Navigation),
        ("sharedaddy", TokenClass.Share), ("social", TokenClass.Share), ("sociable", TokenClass.Share), ("addtoany", TokenClass.Share),
        ("shareaholic", TokenClass.Share), ("dpsp-", TokenClass.Share), ("wabtn", TokenClass.Share), ("sharing", TokenClass.Share),
        ("share-", TokenClass.Share), ("-share", TokenClass.Share), ("_share", TokenClass.Share), ("share_", TokenClass.Share),
        ("newsletter", TokenClass.Newsletter), ("subscribe", TokenClass.Newsletter), ("subscription", TokenClass.Newsletter),
        ("signup", TokenClass.Newsletter), ("sign-up", TokenClass.Newsletter), ("login", TokenClass.Newsletter),
        ("signin", TokenClass.Newsletter), ("syndication", TokenClass.Newsletter), ("inscription", TokenClass.Newsletter),
        ("related", TokenClass.Related), ("recommend", TokenClass.Related), ("more-from", TokenClass.Related),
        ("you-may-like", TokenClass.Related), ("most-popular", TokenClass.Related), ("most-read", TokenClass.Related),
        ("mostread", TokenClass.Related), ("popular", TokenClass.Related), ("trending", TokenClass.Related),
        ("top-stories", TokenClass.Related), ("outbrain", TokenClass.Related), ("taboola", TokenClass.Related),
        ("mgid", TokenClass.Related), ("revcontent", TokenClass.Related), ("zergnet", TokenClass.Related),
        ("criteo", TokenClass.Related), ("-stories", TokenClass.Related), ("read-more", TokenClass.Related),
        ("readmore", TokenClass.Related), ("read-also", TokenClass.Related), ("lire-aussi", TokenClass.Related),
        ("also-read", TokenClass.Related), ("see-also", TokenClass.Related), ("more-stories", TokenClass.Related),
        ("advert", TokenClass.Ad), ("paid-content", TokenClass.Ad), ("skyscraper", TokenClass.Ad), ("banner", TokenClass.Ad),
        ("sponsor", TokenClass.Ad), ("adsbygoogle", TokenClass.Ad), ("dfp-", TokenClass.Ad), ("pub-", TokenClass.Ad),
        ("disqus", TokenClass.Comments), ("dsq-", TokenClass.Comments), ("akismet", TokenClass.Comments),
        ("wp-caption", TokenClass.Caption), ("caption", TokenClass.Caption), ("photo-credit", TokenClass.Caption),
        ("image-credit", TokenClass.Caption), ("credit", TokenClass.Caption), ("legende", TokenClass.Caption),
        ("byline", TokenClass.Meta), ("dateline", TokenClass.Meta), ("timestamp", TokenClass.Meta), ("coauthor", TokenClass.Meta),
        ("post-meta", TokenClass.Meta), ("entry-meta", TokenClass.Meta), ("meta-info", TokenClass.Meta),
        ("article-info", TokenClass.Meta), ("story-info", TokenClass.Meta), ("user-info", TokenClass.Meta),
        ("tag-list", TokenClass.Meta), ("tag-cloud", TokenClass.Meta), ("tags-links", TokenClass.Meta), ("cat-links", TokenClass.Meta),
        ("filed-under", TokenClass.Meta), ("posted-in", TokenClass.Meta), ("posted-on", TokenClass.Meta), ("entry-footer", TokenClass.Meta),
        ("article-meta", TokenClass.Meta), ("author-box", TokenClass.Meta), ("author-bio", TokenClass.Meta),
        ("author-info", TokenClass.Meta), ("authorbox", TokenClass.Meta), ("about-author", TokenClass.Meta),
        ("cookie-banner", TokenClass.Consent), ("cookie-notice", TokenClass.Consent), ("cookie-consent", TokenClass.Consent),
        ("cookie-law", TokenClass.Consent), ("consent", TokenClass.Consent), ("gdpr", TokenClass.Consent),
        ("onetrust", TokenClass.Consent), ("cookiebot", TokenClass.Consent), ("cmplz", TokenClass.Consent),
        ("overlay", TokenClass.Consent), ("popup", TokenClass.Consent), ("copyright", TokenClass.Consent),
        ("disclaimer", TokenClass.Consent), ("footer", TokenClass.Consent),
        ("paywall", TokenClass.Paywall), ("truncat", TokenClass.Paywall), ("premium-", TokenClass.Paywall),
        ("noprint", TokenClass.Hidden), ("visually-hidden", TokenClass.Hidden), ("sr-only", TokenClass.Hidden),
        ("screen-reader", TokenClass.Hidden),
    ];

    /// <summary>A token or one of its parts equal to one of these is boilerplate of the given class.</summary>
    public static readonly Dictionary<string, TokenClass> Parts = new(StringComparer.Ordinal)
    {
        ["nav"] = TokenClass.Navigation, ["menu"] = TokenClass.Navigation, ["pager"] = TokenClass.Navigation,
        ["next"] = TokenClass.Navigation, ["prev"] = TokenClass.Navigation, ["previous"] = TokenClass.Navigation, ["nextprev"] = TokenClass.Navigation,
        ["crumb"] = TokenClass.Navigation, ["breadcrumbs"] = TokenClass.Navigation,
        ["share"] = TokenClass.Share, ["shares"] = TokenClass.Share, ["viral"] = TokenClass.Share, ["follow"] = TokenClass.Share,
        ["tags"] = TokenClass.Meta, ["rating"] = TokenClass.Meta, ["print"] = TokenClass.Meta,
        ["meta"] = TokenClass.Meta, ["metadata"] = TokenClass.Meta, ["author"] = TokenClass.Meta, ["authors"] = TokenClass.Meta,
        ["date"] = TokenClass.Meta, ["dates"] = TokenClass.Meta, ["time"] = TokenClass.Meta, ["byline"] = TokenClass.Meta,
        ["modal"] = TokenClass.Consent, ["legal"] = TokenClass.Consent,
        ["respond"] = TokenClass.Comments, ["reply"] = TokenClass.Comments, ["comments"] = TokenClass.Comments,
        ["comment"] = TokenClass.Comments, ["commentaires"] = TokenClass.Comments, ["reactions"] = TokenClass.Comments,
        ["forum"] = TokenClass.Comments, ["forums"] = TokenClass.Comments,
        ["widget"] = TokenClass.Sidebar, ["widgets"] = TokenClass.Sidebar, ["submitted"] = TokenClass.Meta,
        ["figcaption"] = TokenClass.Caption,
    };

    /// <summary>Whole tokens meaning "not rendered" (responsive variants such as hidden-xs stay visible on desktop).</summary>
    public static readonly HashSet<string> HiddenTokens = new(StringComparer.Ordinal)
    {
        "hidden", "hide", "is-hidden", "u-hidden", "js-hidden", "invisible", "element-invisible", "screen-reader-text",
    };

    /// <summary>The first part of a token naming an ad ("ad-slot", "ads_top"); later parts are not ads ("body-ad-wrapper").</summary>
    public static readonly HashSet<string> AdFirstParts = new(StringComparer.Ordinal)
    {
        "ad", "ads", "adv", "advert", "advertisement", "advertising", "sponsored", "promo", "pub", "publicite", "adslot", "adunit",
    };

    /// <summary>"sidebar" counts only as the first part or after one of these parts (so "has-sidebar" layouts survive).</summary>
    public static readonly HashSet<string> SidebarLeadParts = new(StringComparer.Ordinal)
    {
        "sidebar", "left", "right", "primary", "secondary", "main", "widget", "aside",
    };

    /// <summary>Tier 1 body containers (trafilatura BODY_XPATH plus rs additions), matched as substrings.</summary>
    public static readonly string[] Tier1Substrings =
    [
        "articlebody", "article-body", "article__body", "article_body", "article-content", "article__content", "article_content",
        "entry-content", "entry__content", "post-content", "post_content", "postcontent", "post-body", "post__body", "post-text",
        "post-entry", "article-text", "articletext", "body-text", "text-content", "story-body", "storybody", "story__body",
        "story-text", "contentbody", "content-body", "blog-content", "wysiwyg", "articlecontent", "snippet-body",
        "article-detail-content", "td-post-content", "post_body", "single-content", "entry-body", "article__text", "articlebodytext",
        "body-content", "news-content", "article-texte", "texte-article", "corps-article", "article__corps", "field-name-body",
    ];

    /// <summary>Tier 1 tokens that must match the whole class token.</summary>
    public static readonly HashSet<string> Tier1Exact = new(StringComparer.Ordinal) { "post", "entry", "texte", "chapo-texte" };

    /// <summary>Tier 3 tokens matched whole.</summary>
    public static readonly HashSet<string> Tier3Exact = new(StringComparer.Ordinal) { "story", "text", "postarea", "article" };

    /// <summary>Tier 3 substrings.</summary>
    public static readonly string[] Tier3Substrings = ["fulltext", "story-content", "single-post", "main-column", "field-body", "article-"];

    /// <summary>Tier 4 tokens.</summary>
    public static readonly string[] Tier4Substrings = ["content-main", "main-content", "maincontent", "page-content"];

    /// <summary>Readability's positive tokens.</summary>
    public static readonly string[] PositiveSubstrings = ["article", "body", "content", "entry", "hentry", "main", "page", "post", "text", "blog", "story"];

    /// <summary>Whole class tokens naming the headline ("titre", "titulo": French, Portuguese and Italian themes).</summary>
    public static readonly HashSet<string> HeadlineExact = new(StringComparer.Ordinal) { "title", "titre", "titulo", "titolo", "titel", "headline" };

    /// <summary>Headline containers (excluded from the body, used for the title).</summary>
    public static readonly string[] HeadlineSubstrings = ["headline", "entry-title", "post-title", "article-title", "article__title", "story-title", "page-title"];

    /// <summary>Live-blog update cards.</summary>
    public static readonly string[] LiveUpdateSubstrings = ["liveblog", "live-blog", "live-update", "live-post", "timeline-item"];

    /// <summary>Containers of visible dates.</summary>
    public static readonly string[] DateSubstrings = ["date", "time", "publish", "posted", "byline", "dateline", "meta", "pubdate", "datum"];

    /// <summary>Containers of author names.</summary>
    public static readonly string[] AuthorSubstrings = ["author", "byline", "writer", "signature", "auteur", "journalist", "submitted", "username"];

    /// <summary>Breadcrumb trails.</summary>
    public static readonly string[] BreadcrumbSubstrings = ["breadcrumb", "crumbs", "fil-ariane", "ariane", "arbo"];

    /// <summary>Standfirst containers (kept as the body's first block even when they sit in the article header).</summary>
    public static readonly string[] StandfirstSubstrings = ["standfirst", "chapo", "chapeau", "lede", "article-summary", "entry-summary", "excerpt", "article-intro", "article__intro", "subheadline", "sub-headline", "article-lead", "article__lead", "article-description", "article__description", "article-subtitle", "article__subtitle", "dek"];

    /// <summary>Standfirst containers named by a whole token part ("lead", "intro", "summary").</summary>
    public static readonly HashSet<string> StandfirstParts = new(StringComparer.Ordinal) { "lead", "intro", "summary", "chapo", "deck", "standfirst", "description", "subtitle" };

    /// <summary>
    /// Token prefixes of state modifiers and taxonomy labels ("has-comments", "no-sidebar", WordPress post_class
    /// "author-jane-doe", "tag-garden", "category-news"): they describe the post, not a zone of the page, so they never
    /// make an element boilerplate.
    /// </summary>
    public static readonly string[] ModifierPrefixes = ["has-", "no-", "with-", "without-", "tag-", "category-", "format-", "status-", "type-"];

    /// <summary>"author-…" is a taxonomy label unless its second part names a zone (rs: author-box/bio/info/avatar/meta).</summary>
    public static readonly HashSet<string> AuthorZoneParts = new(StringComparer.Ordinal)
    {
        "box", "bio", "info", "avatar", "meta", "name", "wrap", "wrapper", "details", "block", "card", "section", "link",
        "links", "title", "description", "image", "photo", "social", "area", "byline", "date", "container", "profile",
    };

    /// <summary>
    /// Page-builder block markers (Elementor, SiteOrigin, Divi, Beaver, WPBakery, Gutenberg, HubSpot, Thrive…): these
    /// builders call every block of the page, text blocks included, a "widget", so in an attribute carrying one of them
    /// "widget" says nothing about a sidebar (trafilatura spares elementor-widget* for the same reason).
    /// </summary>
    public static readonly string[] BuilderSubstrings =
    [
        "elementor", "so-panel", "siteorigin", "panel-grid", "et_pb", "fl-module", "fl-row", "wp-block", "wpb_", "vc_",
        "hs_cos_wrapper", "widget-span", "widget-type", "uagb-", "kb-", "brxe", "oxy-", "thrv", "tve_", "builder",
    ];

    /// <summary>Content tokens that cancel a boilerplate reading of the same attribute (Readability's "maybe candidate").</summary>
    public static readonly string[] ProtectSubstrings = ["article", "body", "content", "main", "column", "shadow", "story", "entry"];
}
