using AngleSharp.Html.Parser;
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

    /// <summary>One parser per thread: AngleSharp parsers are cheap to reuse but not documented as thread-safe.</summary>
    [ThreadStatic]
    private static HtmlParser? t_parser;

    private readonly HtmlParserOptions _parserOptions = new() { IsScripting = false };

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
        t_parser ??= new HtmlParser(_parserOptions);
        using var document = t_parser.ParseDocument(html);
        var index = DomIndexBuilder.Build(document);
        var meta = new MetadataContext(index, new MetaTags(index.MetaTags), new JsonLdGraph(index.JsonLd), context);

        var headings = HeadlineMarker.MarkAndCollect(index);
        var siteName = PageFields.SiteName(meta);
        var title = PageFields.Title(meta, siteName, headings);
        HeadlineMarker.MarkTitleRepeats(index, title);

        var blocks = BlockWalker.Walk(index);
        var (node, selected) = ContentLocator.Locate(index, blocks);
        selected = Fallbacks.Apply(index, blocks, selected);
        var (body, source) = BodyAssembler.Assemble(selected, Following(blocks, selected));
        body = PreferJsonBody(meta, body);

        var (published, modified) = DateResolver.Resolve(meta, node);
        return new Article
        {
            Title = title,
            Section = SectionResolver.Resolve(meta, title),
            Body = body,
            Source = source,
            Published = published,
            Modified = modified,
            Language = PageFields.Language(meta),
            Url = PageFields.Url(meta),
            Authors = AuthorResolver.Resolve(meta),
            SiteName = siteName,
            Description = PageFields.Description(meta),
            Image = PageFields.Image(meta),
            Tags = PageFields.Tags(meta),
        };
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
