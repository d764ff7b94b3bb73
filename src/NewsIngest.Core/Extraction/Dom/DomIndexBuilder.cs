using AngleSharp.Dom;
using NewsIngest.Core.Extraction.Cleaning;

namespace NewsIngest.Core.Extraction.Dom;

/// <summary>
/// Builds a <see cref="DomIndex"/> in one pre-order traversal of the parsed document, then derives the subtree
/// counters and inherited flags with linear passes over the arrays (never touching the DOM again).
/// </summary>
internal static class DomIndexBuilder
{
    /// <summary>Deeper nesting is treated as junk (guards the recursion; real pages stay under ~60).</summary>
    private const int MaxDepth = 400;

    /// <summary>
    /// A boilerplate-flagged element holding more than this share of the page's paragraph text is the article's own
    /// wrapper misnamed ("has-sidebar", forms around ASP.NET pages): its flag is dropped (trafilatura's 1/7 guard, rs's
    /// form rule; 0.5 kept the seed and dev pages' mis-flagged wrappers in without letting comment zones in).
    /// </summary>
    private const double WrapperGuardShare = 0.5;

    /// <summary>Minimum page paragraph text for the wrapper guard to apply.</summary>
    private const int WrapperGuardMinText = 500;

    /// <summary>A tier-1 body container with at least this much text releases boilerplate-classed wrappers around it.</summary>
    private const int BodyVouchMinText = 200;

    /// <summary>Link density above which a list or paragraph-free box is a link farm (rs: 0.5).</summary>
    private const double LinkDenseShare = 0.5;

    /// <summary>
    /// A link farm carries little text of its own: a box with more non-link text than this holds prose (an article
    /// whose paragraphs are divs, followed by a list of links) and is never dropped whole.
    /// </summary>
    private const int LinkFarmMaxPlainText = 300;

    /// <summary>A lone paragraph beside an image is a caption up to this length (captions are one or two sentences).</summary>
    private const int CaptionMaxText = 300;

    /// <summary>The caption's wrapper holds the image, the caption and at most a credit of this many chars, nothing else.</summary>
    private const int CaptionWrapperSlack = 40;

    private static readonly string Space = " ";

    /// <summary>
    /// Class categories the rescue walk still trusts: share bars, ads, newsletter boxes and comments are named for what
    /// they are. Navigation, sidebar/widget, meta, consent, caption and recirculation words are the ones pages misapply
    /// to their own story ("content-nav-section", builder widgets, "author-…", "article-stories"); trusting recirculation
    /// too lost two wcxb pages (-0.0013 word-F1) and gained none.
    /// </summary>
    private const TokenClass UnambiguousZones = TokenClass.Share | TokenClass.Ad | TokenClass.Newsletter | TokenClass.Comments;

    /// <summary>Each thread keeps one index whose buffers are reused page after page.</summary>
    [ThreadStatic]
    private static DomIndex? t_spare;

    /// <summary>Builds the index of a page; hand it back with <see cref="Release"/> when the extraction is done.</summary>
    public static DomIndex Build(IDocument document)
    {
        var index = t_spare ?? new DomIndex(1024);
        t_spare = null;
        index.Reset();
        if (document.DocumentElement is { } root)
        {
            Visit(index, root, -1, ElementState.None, 0);
        }

        index.PrepareSums();
        RevealHiddenBody(index);
        SumRaw(index);
        ApplyWrapperGuard(index);
        InheritExclusion(index);
        SumClean(index);
        MarkLinkDense(index);
        return index;
    }

    /// <summary>Returns an index for reuse by the next page on this thread (dropping its DOM references).</summary>
    public static void Release(DomIndex index)
    {
        index.Reset();
        t_spare = index;
    }

    private static void Visit(DomIndex index, IElement element, int parent, ElementState inherited, int depth)
    {
        if (index.Count == index.Elements.Length)
        {
            index.Grow();
        }

        var i = index.Count++;
        var tag = TagTable.Of(element.LocalName);
        if ((tag & TagKind.Link) != 0 && !IsNavigatingLink(element))
        {
            tag &= ~TagKind.Link;
        }
        index.Elements[i] = element;
        index.Parent[i] = parent;
        index.Tags[i] = tag;

        var state = inherited & (ElementState.InLink | ElementState.InArticle | ElementState.InParagraph | ElementState.InComments);
        var isRoot = element.LocalName is "html" or "body";
        // The root's classes describe the page template ("comment-hidden", "date-hidden", "has-sidebar"), never a zone.
        var tokens = ReadAttributes(index, element, i, tag, ref state);
        if (isRoot)
        {
            tokens = TokenClass.None;
        }

        index.Tokens[i] = tokens;
        Harvest(index, element, i, tag);

        if ((tokens & TokenClass.Comments) != 0)
        {
            state |= ElementState.InComments;
        }

        if (element.LocalName == "body")
        {
            index.Body = i;
        }

        if ((tag & TagKind.Junk) != 0 || depth > MaxDepth)
        {
            state |= ElementState.Junk | ElementState.SelfBoilerplate;
        }
        else if (!isRoot && ((tag & (TagKind.Landmark | TagKind.Form | TagKind.Noscript)) != 0
            || ((tag & TagKind.HeaderFooter) != 0 && (inherited & ElementState.InArticle) == 0)
            || (tokens & (TokenClass.Boilerplate & ~TokenClass.Hidden)) != 0))
        {
            state |= ElementState.SelfBoilerplate;
        }

        if (!isRoot && (tokens & TokenClass.Hidden) != 0)
        {
            state |= ElementState.Hidden;
        }

        if ((tag & TagKind.Link) != 0)
        {
            state |= ElementState.InLink;
        }

        if ((tag & (TagKind.Article | TagKind.Main)) != 0)
        {
            state |= ElementState.InArticle;
        }

        if ((tag & TagKind.Paragraph) != 0)
        {
            state |= ElementState.InParagraph;
        }

        index.State[i] = state;
        index.OpenEvent[i] = index.Events.Count;
        if ((state & ElementState.Junk) != 0)
        {
            index.CloseEvent[i] = index.Events.Count;
            index.End[i] = index.Count;
            return;
        }

        index.Events.Add(new DomEvent(DomEvent.Open, i));
        // Indexed access: AngleSharp's NextSibling searches the parent's child list, which is quadratic on wide nodes.
        // Class checks, not interface casts: AngleSharp nodes implement a dozen interfaces, and a failed
        // `is IElement` on every text node scanned them all.
        var children = element.ChildNodes;
        for (var k = 0; k < children.Length; k++)
        {
            var child = children[k];
            if (child is Element childElement)
            {
                if (childElement.LocalName is "img" or "picture" or "amp-img")
                {
                    index.State[i] |= ElementState.HasImage;
                }

                Visit(index, childElement, i, state, depth + 1);
            }
            else if (child.NodeType == NodeType.Text)
            {
                AddText(index, i, ((IText)child).Data);
            }
        }

        index.CloseEvent[i] = index.Events.Count;
        index.Events.Add(new DomEvent(DomEvent.Close, i));
        index.End[i] = index.Count;
    }

    private static TokenClass ReadAttributes(DomIndex index, IElement element, int i, TagKind tag, ref ElementState state)
    {
        var tokens = TokenClass.None;
        var attributes = element.Attributes;
        for (var a = 0; a < attributes.Length; a++)
        {
            var attribute = attributes[a]!;
            var value = attribute.Value;
            switch (attribute.Name)
            {
                case "class":
                    tokens |= TokenClassifier.ClassifyClass(value);
                    break;
                case "id":
                    tokens |= TokenClassifier.ClassifyId(value);
                    break;
                case "style":
                    if (IsHiddenStyle(value))
                    {
                        state |= ElementState.Hidden;
                    }

                    break;
                case "hidden":
                    state |= ElementState.Hidden;
                    break;
                case "aria-hidden":
                    if (value.Equals("true", StringComparison.OrdinalIgnoreCase) && (tag & TagKind.Link) == 0)
                    {
                        state |= ElementState.Hidden;
                    }

                    break;
                case "role":
                    tokens |= RoleTokens(value);
                    break;
                case "itemprop":
                    index.ItemProps.Add(i);
                    if (value.Contains("articleBody", StringComparison.OrdinalIgnoreCase))
                    {
                        tokens |= TokenClass.ContentTier1;
                    }
                    else if (value.Equals("headline", StringComparison.OrdinalIgnoreCase))
                    {
                        tokens |= TokenClass.Headline;
                    }

                    break;
                case "lang" or "xml:lang" when element.LocalName == "html" && !string.IsNullOrWhiteSpace(value):
                    index.HtmlLang ??= value;
                    break;
            }
        }

        // A body container named in one attribute vouches for the element whatever the other says
        // (id="post_body" on a "meta_field" wrapper): the same cancellation TokenClassifier applies within one attribute.
        if ((tokens & TokenClass.ContentTier1) != 0)
        {
            tokens &= ~(TokenClass.Boilerplate & ~(TokenClass.Comments | TokenClass.Hidden));
        }

        return tokens;
    }

    /// <summary>An &lt;a&gt; without href is a named anchor (around headings and paragraphs): text, not a link.</summary>
    private static bool IsNavigatingLink(IElement anchor) => anchor.HasAttribute("href");

    private static TokenClass RoleTokens(string role) => role.ToLowerInvariant() switch
    {
        "navigation" or "menu" or "menubar" => TokenClass.Navigation,
        "complementary" => TokenClass.Sidebar,
        "alert" or "alertdialog" or "dialog" => TokenClass.Consent,
        "article" => TokenClass.ContentTier3,
        "main" => TokenClass.MainTier5,
        _ => TokenClass.None,
    };

    private static bool IsHiddenStyle(string style)
    {
        if (!style.Contains("none", StringComparison.OrdinalIgnoreCase) && !style.Contains("hidden", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var compact = style.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }

    private static void Harvest(DomIndex index, IElement element, int i, TagKind tag)
    {
        if (tag == TagKind.None)
        {
            return;
        }

        if ((tag & TagKind.Meta) != 0)
        {
            index.MetaTags.Add(element);
        }
        else if ((tag & TagKind.LinkTag) != 0)
        {
            index.LinkTags.Add(element);
        }
        else if ((tag & TagKind.Title) != 0)
        {
            index.DocumentTitle ??= element.TextContent;
        }
        else if ((tag & TagKind.Time) != 0)
        {
            index.TimeElements.Add(i);
        }
        else if ((tag & TagKind.Heading) != 0)
        {
            index.Headings.Add(i);
        }
        else if ((tag & TagKind.Link) != 0)
        {
            index.Anchors.Add(i);
        }
    }

    private static void AddText(DomIndex index, int owner, string data)
    {
        // Trimmed length and comma count with vectorised span operations; inner whitespace runs count in full
        // (a close enough measure for densities and thresholds, and several times cheaper than collapsing).
        var trimmed = data.AsSpan().Trim();
        var length = trimmed.Length;
        var commas = length == 0 ? 0 : trimmed.Count(',');
        if (length is > 0 and <= 2 && IsBreadcrumbSeparator(data.AsSpan().Trim()))
        {
            index.State[owner] |= ElementState.BreadcrumbSeparator;
        }

        index.OwnText[owner] += length;
        index.OwnCommas[owner] += commas;
        index.TextOwner.Add(owner);
        index.Texts.Add(length == 0 ? Space : data);
        index.Events.Add(new DomEvent(DomEvent.Text, index.Texts.Count - 1));
    }

    private static bool IsBreadcrumbSeparator(ReadOnlySpan<char> text) =>
        text is ">" or "›" or "»" or "→" or ">>" or "/";

    /// <summary>
    /// Anti-flicker pages ship the whole story hidden (<c>style="display:none"</c> until a script runs); readers and
    /// the benchmark see it rendered. A hidden element holding most of the page's paragraph text is therefore shown.
    /// </summary>
    private static void RevealHiddenBody(DomIndex index)
    {
        var n = index.Count;
        var paragraphText = index.RawParagraphText; // scratch: zeroed by PrepareSums, zeroed again below
        for (var i = n - 1; i >= 0; i--)
        {
            if ((index.State[i] & ElementState.InParagraph) != 0)
            {
                paragraphText[i] += index.OwnText[i];
            }

            if (index.Parent[i] >= 0)
            {
                paragraphText[index.Parent[i]] += paragraphText[i];
            }
        }

        var total = n > 0 ? paragraphText[0] : 0;
        if (total >= WrapperGuardMinText)
        {
            for (var i = 0; i < n; i++)
            {
                if ((index.State[i] & ElementState.Hidden) != 0 && (index.State[i] & ElementState.Junk) == 0
                    && paragraphText[i] > WrapperGuardShare * total)
                {
                    index.State[i] &= ~ElementState.Hidden;
                }
            }
        }

        Array.Clear(paragraphText, 0, n);
    }

    private static void SumRaw(DomIndex index)
    {
        var n = index.Count;
        var raw = index.RawText;
        var rawP = index.RawParagraphText;
        for (var i = n - 1; i >= 0; i--)
        {
            var state = index.State[i];
            if ((state & (ElementState.Junk | ElementState.Hidden)) != 0)
            {
                raw[i] = 0;
                rawP[i] = 0;
                continue;
            }

            raw[i] += index.OwnText[i];
            if ((state & ElementState.InParagraph) != 0)
            {
                rawP[i] += index.OwnText[i];
            }

            var p = index.Parent[i];
            if (p >= 0)
            {
                raw[p] += raw[i];
                rawP[p] += rawP[i];
            }
        }

    }

    private static void ApplyWrapperGuard(DomIndex index)
    {
        ReleaseBodyAncestors(index);
        ReleaseTableFigures(index);
        var totalP = index.Count > 0 ? index.RawParagraphText[0] : 0;
        var total = index.Count > 0 ? index.RawText[0] : 0;
        if (total < WrapperGuardMinText)
        {
            return;
        }

        for (var i = 0; i < index.Count; i++)
        {
            var state = index.State[i];
            if ((state & ElementState.SelfBoilerplate) != 0
                && (state & (ElementState.Junk | ElementState.Hidden | ElementState.InComments)) == 0
                && (index.Tokens[i] & (TokenClass.Related | TokenClass.Comments)) == 0
                && ((totalP >= WrapperGuardMinText && index.RawParagraphText[i] > WrapperGuardShare * totalP) || index.RawText[i] > WrapperGuardShare * total))
            {
                index.State[i] = state & ~ElementState.SelfBoilerplate;
            }
        }
    }

    /// <summary>
    /// Block editors wrap every table in a &lt;figure&gt; (Gutenberg's wp-block-table): a figure holding a table is the
    /// article's data, not an illustration, so only its caption stays out.
    /// </summary>
    private static void ReleaseTableFigures(DomIndex index)
    {
        for (var i = 0; i < index.Count; i++)
        {
            if ((index.Tags[i] & TagKind.Landmark) == 0 || index.Elements[i].LocalName != "figure"
                || (index.Tokens[i] & TokenClass.Boilerplate) != 0)
            {
                continue;
            }

            for (var d = i + 1; d < index.End[i]; d++)
            {
                if ((index.Tags[d] & TagKind.Table) != 0)
                {
                    index.State[i] &= ~ElementState.SelfBoilerplate;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// An explicit article-body container (tier 1) with real text vouches for its ancestors: a "widget" or "footer"
    /// class on a wrapper around it (blog engines wrap the post in a widget) does not exclude the story.
    /// </summary>
    private static void ReleaseBodyAncestors(DomIndex index)
    {
        for (var i = 0; i < index.Count; i++)
        {
            if ((index.Tokens[i] & TokenClass.ContentTier1) == 0 || index.RawText[i] < BodyVouchMinText
                || (index.State[i] & (ElementState.InComments | ElementState.Hidden | ElementState.Junk)) != 0)
            {
                continue;
            }

            for (var a = index.Parent[i]; a >= 0; a = index.Parent[a])
            {
                if ((index.Tokens[a] & (TokenClass.Boilerplate & ~(TokenClass.Comments | TokenClass.Related | TokenClass.Hidden))) != 0
                    && (index.Tokens[a] & (TokenClass.Comments | TokenClass.Related | TokenClass.Hidden)) == 0
                    && (index.Tags[a] & (TagKind.Junk | TagKind.Landmark)) == 0)
                {
                    index.State[a] &= ~ElementState.SelfBoilerplate;
                }
            }
        }
    }

    private static void InheritExclusion(DomIndex index)
    {
        for (var i = 0; i < index.Count; i++)
        {
            var state = index.State[i];
            var parent = index.Parent[i];
            if ((state & (ElementState.SelfBoilerplate | ElementState.Hidden | ElementState.Junk)) != 0
                || (parent >= 0 && (index.State[parent] & ElementState.Excluded) != 0))
            {
                state |= ElementState.Excluded;
            }

            if ((state & (ElementState.Hidden | ElementState.Junk)) != 0
                || ((state & ElementState.SelfBoilerplate) != 0
                    && ((index.Tags[i] & (TagKind.Landmark | TagKind.Form | TagKind.Noscript | TagKind.HeaderFooter)) != 0
                        || (index.Tokens[i] & UnambiguousZones) != 0))
                || (parent >= 0 && (index.State[parent] & ElementState.HardExcluded) != 0))
            {
                state |= ElementState.HardExcluded;
            }

            index.State[i] = state;
        }
    }

    private static void SumClean(DomIndex index)
    {
        var n = index.Count;
        var text = index.Text;
        var link = index.LinkText;
        var links = index.LinkCount;
        var paragraphs = index.ParagraphCount;
        var pText = index.ParagraphText;
        var commas = index.Commas;
        for (var i = n - 1; i >= 0; i--)
        {
            var state = index.State[i];
            if ((state & ElementState.Excluded) != 0)
            {
                continue;
            }

            var own = index.OwnText[i];
            text[i] += own;
            commas[i] += index.OwnCommas[i];
            if ((state & ElementState.InLink) != 0)
            {
                link[i] += own;
            }

            if ((state & ElementState.InParagraph) != 0)
            {
                pText[i] += own;
            }

            if ((index.Tags[i] & TagKind.Link) != 0)
            {
                links[i]++;
            }

            if ((index.Tags[i] & TagKind.Paragraph) != 0 && text[i] > 0)
            {
                paragraphs[i]++;
            }

            var p = index.Parent[i];
            if (p >= 0)
            {
                text[p] += text[i];
                link[p] += link[i];
                links[p] += links[i];
                paragraphs[p] += paragraphs[i];
                pText[p] += pText[i];
                commas[p] += commas[i];
            }
        }

    }

    private static void MarkLinkDense(DomIndex index)
    {
        for (var i = 0; i < index.Count; i++)
        {
            var tag = index.Tags[i];
            if ((index.State[i] & ElementState.Excluded) != 0 || index.Text[i] == 0)
            {
                continue;
            }

            if ((tag & TagKind.Paragraph) != 0 && index.Text[i] <= CaptionMaxText && index.Parent[i] >= 0
                && index.Has(index.Parent[i], ElementState.HasImage) && index.Text[index.Parent[i]] - index.Text[i] < CaptionWrapperSlack)
            {
                index.State[i] |= ElementState.Caption;
                continue;
            }

            var density = (double)index.LinkText[i] / index.Text[i];
            var isList = (tag & TagKind.List) != 0;
            var isBox = (tag & (TagKind.Div | TagKind.Section | TagKind.Table | TagKind.Cell | TagKind.HeaderFooter)) != 0;
            var plainText = index.Text[i] - index.LinkText[i];
            if (density > LinkDenseShare && plainText < LinkFarmMaxPlainText
                && ((isList && index.LinkCount[i] >= 2) || (isBox && index.LinkCount[i] >= 3 && index.ParagraphCount[i] == 0)))
            {
                index.State[i] |= ElementState.LinkDense;
            }
        }
    }
}
