using NewsIngest.Core.Articles;
using NewsIngest.Core.Extraction.Content;
using NewsIngest.Core.Extraction.Decoding;
using NewsIngest.Core.Extraction.Dom;
using NewsIngest.Core.Extraction.Metadata;

namespace NewsIngest.Core.Extraction;

/// <summary>
/// Turns the raw bytes of a news page into an <see cref="Article"/>. Stateless and thread-safe.
/// Stages (see docs/extraction.md):
/// 0. decode the bytes (<see cref="PageDecoder"/>) and parse once with AngleSharp;
/// 1. harvest: one traversal numbers the elements, classifies class/id tokens, flags junk and boilerplate
///    (flags, never mutation) and collects metadata elements (<see cref="DomIndexBuilder"/>);
/// 2. metadata: JSON-LD graph, meta tags, title (which also flags the headline);
/// 3. find content: one walk of the flattened page into text blocks (<see cref="BlockWalker"/>), then the content
///    node by tiers cross-checked with Readability scoring (<see cref="ContentLocator"/>), with fallbacks;
/// 4. post-process: line filters, duplicates, the credit line into <c>source</c> (<see cref="BodyAssembler"/>);
///    dates, authors, section and the other fields.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>Below this many chars the located body is considered a miss and the fallbacks are tried (go-trafilatura: 250).</summary>
    private const int MinBodyChars = 250;

    /// <summary>JSON-LD articleBody is used only when it beats the DOM body by this factor (rs-trafilatura: 2x, 500+ chars).</summary>
    private const double JsonBodyRatio = 2;

    private const int JsonBodyMinChars = 500;

    /// <summary>How many blocks after the content node are checked for a credit line.</summary>
    private const int SourceLookahead = 2;

    /// <summary>Bylines sit among the few blocks before the body or at its very start.</summary>
    private const int BylineLookbehind = 6;

    private const int BylineLookahead = 2;

    private readonly ArticleExtractorOptions _options;

    /// <summary>An extractor with the default options.</summary>
    public ArticleExtractor()
        : this(new ArticleExtractorOptions())
    {
    }

    public ArticleExtractor(ArticleExtractorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Decodes the page (HTTP charset, BOM, meta charset, detection) and extracts the article.</summary>
    public Article Extract(ReadOnlyMemory<byte> page, PageContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Extract(PageDecoder.Decode(page.Span, context.ContentType), context);
    }

    /// <summary>Extracts the article from already decoded HTML.</summary>
    public Article Extract(string html, PageContext context)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(context);
        var source = html.Length > _options.MaxPageChars ? html[.._options.MaxPageChars] : html;
        // Disposed: it hands the parser's text buffer back to AngleSharp's pool (~400 KB less garbage per page).
        using var document = PageParser.Parse(source);
        var index = DomIndexBuilder.Build(document);
        var meta = new MetadataContext(index, new MetaTags(index.MetaTags), new JsonLdGraph(JsonLdScanner.Find(source)), context);

        var (h1s, headings) = HeadlineMarker.MarkAndCollect(index);
        var siteName = PageFields.SiteName(meta);
        var title = PageFields.Title(meta, siteName, h1s, headings);
        HeadlineMarker.MarkTitleRepeats(index, title);

        var buffer = TextBuffer.Rent();
        var blocks = BlockWalker.Walk(index, buffer);
        var (node, selected) = ContentLocator.Locate(index, blocks);
        ExtractionTrace.Write(index, node, blocks.Count, selected.Count);
        (node, selected) = Fallbacks.Apply(index, buffer, blocks, node, selected);
        if (StandfirstFinder.Find(index, node, selected) is { } standfirst)
        {
            selected.Insert(0, standfirst);
        }

        var (body, credit) = BodyAssembler.Assemble(selected, Following(blocks, selected));
        credit ??= SourceLocator.Find(index, node);
        body = PreferJsonBody(meta, body);

        var language = PageFields.Language(meta) ?? LanguageGuesser.Guess(body);
        var (published, modified) = DateResolver.Resolve(meta, node, language, BylineCandidates(blocks, selected));
        var article = new Article
        {
            Title = title,
            Section = SectionResolver.Resolve(meta, title),
            Body = body,
            Source = credit,
            Published = published,
            Modified = modified,
            Language = language,
            Url = PageFields.Url(meta),
            Authors = AuthorResolver.Resolve(meta) ?? AuthorResolver.FromBylineText(BylineCandidates(blocks, selected)),
            SiteName = siteName,
            Description = PageFields.Description(meta),
            Image = PageFields.Image(meta),
            Tags = PageFields.Tags(meta),
        };
        DomIndexBuilder.Release(index);
        TextBuffer.Return(buffer);
        return article;
    }

    /// <summary>The blocks just before the body and its first blocks: where a class-less byline sits.</summary>
    private static IEnumerable<string> BylineCandidates(List<TextBlock> all, List<TextBlock> selected)
    {
        // The first selected block that came from the walk (a standfirst found elsewhere may precede it).
        var first = -1;
        foreach (var block in selected)
        {
            first = all.IndexOf(block);
            if (first >= 0)
            {
                break;
            }
        }

        if (first < 0)
        {
            yield break;
        }

        for (var i = Math.Max(0, first - BylineLookbehind); i < Math.Min(all.Count, first + BylineLookahead); i++)
        {
            yield return all[i].Text;
        }
    }

    private static List<TextBlock> Following(List<TextBlock> all, List<TextBlock> selected)
    {
        if (selected.Count == 0)
        {
            return [];
        }

        var at = all.IndexOf(selected[^1]);
        return at < 0 ? [] : all.GetRange(at + 1, Math.Min(SourceLookahead, all.Count - at - 1));
    }

    private static string? PreferJsonBody(MetadataContext meta, string? body)
    {
        var json = JsonLdGraph.Text(meta.JsonLd.Article?["articleBody"]);
        if (json is null || json.Length < JsonBodyMinChars || json.StartsWith('{'))
        {
            return body;
        }

        var length = body?.Length ?? 0;
        return length < MinBodyChars || json.Length > JsonBodyRatio * length ? json : body;
    }
}
