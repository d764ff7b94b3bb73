using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Diagnostics;
using NewsIngest.Core.Extraction;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The parse of one raw page into an article (table rows holding its JSON), or a record of why not.
/// Bad pages are rejections, not exceptions, so the trigger never retries them into the poison queue;
/// storage faults do throw, so the platform retries those. The checks run cheapest first, and nothing reaches
/// the parser that could take the process down (see docs/reliability.md).
/// </summary>
public sealed partial class PageProcessor(
    ArticleExtractor extractor,
    RawPageStore rawPages,
    ArticleStore articles,
    RejectionStore rejections,
    ParseRecords parseRecords,
    NewsIngestMetrics metrics,
    IOptions<ParseOptions> options,
    ILogger<PageProcessor> logger) : IDisposable
{
    private readonly SemaphoreSlim _extractions = new(ExtractionSlots(options.Value));

    public void Dispose() => _extractions.Dispose();

    /// <summary>
    /// A blob trigger's parse: as <see cref="ProcessAsync(BlobClient, CancellationToken)"/>, except that a version already parsed to its end (an article or a
    /// rejection records it) is left as it is. Fetched pages are parsed by their fetcher; where their trigger still fires (the
    /// polling scan of local runs, an event subscription without the fetched-upload filter) it costs a read, not a second parse.
    /// A version with no record is most likely new, so its article is written create-only without reading first.
    /// </summary>
    public Task<ParseOutcome> ProcessTriggeredAsync(BlobClient blob, CancellationToken cancellationToken) =>
        ProcessAsync(blob, skipRecorded: true, likelyNew: true, cancellationToken);

    /// <summary>
    /// Reads the blob and parses it, whatever was recorded of it before: recovery's parse of a page stored but not parsed, whose
    /// article is most likely missing, so it is written create-only first
    /// (<see cref="ArticleStore.SaveAsync(RawPage, Article, bool, CancellationToken)"/>).
    /// </summary>
    public Task<ParseOutcome> ProcessAsync(BlobClient blob, CancellationToken cancellationToken) =>
        ProcessAsync(blob, skipRecorded: false, likelyNew: true, cancellationToken);

    /// <param name="blob">The raw page.</param>
    /// <param name="likelyNew">No article of the page is expected: write create-only first. False for a reparse, where most exist.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public Task<ParseOutcome> ProcessAsync(BlobClient blob, bool likelyNew, CancellationToken cancellationToken) =>
        ProcessAsync(blob, skipRecorded: false, likelyNew, cancellationToken);

    private async Task<ParseOutcome> ProcessAsync(BlobClient blob, bool skipRecorded, bool likelyNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Blob"] = blob.Name });
        var limits = options.Value;
        RawPage page;
        try
        {
            page = await RawPageStore.ReadAsync(blob, limits.MaxPageBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted between the trigger and now: nothing is left to parse or to account for, and a retry would find nothing either.
            LogVanished(logger, blob.Name);
            return ParseOutcome.Unchanged;
        }

        if (skipRecorded && await parseRecords.ExistAsync(page.Name, page.ETag, cancellationToken).ConfigureAwait(false))
        {
            LogAlreadyParsed(logger, page.Name, page.ETag);
            return ParseOutcome.Unchanged;
        }

        return await ProcessPageAsync(page, likelyNew, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Parses a page just stored by this process (the in-process cycle), without reading it back. <paramref name="firstVersion"/>
    /// says the blob did not exist before this write, so no article of it can exist yet and the store may skip looking.
    /// </summary>
    public async Task<ParseOutcome> ProcessStoredAsync(RawPage page, bool firstVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Blob"] = page.Name });
        return await ProcessPageAsync(page, firstVersion, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ParseOutcome> ProcessPageAsync(RawPage page, bool likelyNew, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        using var urlScope = page.Origin.SourceUrl is { } url ? logger.BeginScope(new Dictionary<string, object> { ["Url"] = url.AbsoluteUri }) : null;
        if (page.IsTooLarge)
        {
            return await RejectAsync(page, RejectionStatus.TooLarge, $"The page is {page.Length} bytes, more than the {limits.MaxPageBytes} allowed.", cancellationToken).ConfigureAwait(false);
        }

        if (PageSniffer.Classify(page.Content.Span) is { } problem)
        {
            return await RejectAsync(page, problem.Status, problem.Reason, cancellationToken).ConfigureAwait(false);
        }

        if (MarkupDepth.Refusal(page.Content.Span, limits.MaxNestingDepth) is { } tooDeep)
        {
            return await RejectAsync(page, tooDeep.Status, tooDeep.Reason, cancellationToken).ConfigureAwait(false);
        }

        Article article;
        try
        {
            await _extractions.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                article = await DeepStackThread.RunAsync(() => extractor.Extract(page.Content, new PageContext(page.Origin.SourceUrl, page.Origin.ContentType)), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _extractions.Release();
            }
        }
#pragma warning disable CA1031 // Extraction is pure computation on the page's bytes: whatever it throws, a retry would throw again.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return await RejectAsync(page, RejectionStatus.ExtractionFailed, $"{ex.GetType().Name}: {ex.Message}", cancellationToken).ConfigureAwait(false);
        }

        if (ArticleAcceptance.Refusal(article) is { } refusal)
        {
            return await RejectAsync(page, refusal.Status, refusal.Reason, cancellationToken).ConfigureAwait(false);
        }

        var write = await articles.SaveAsync(page, article, likelyNew, cancellationToken).ConfigureAwait(false);
        if (write == ArticleWrite.Superseded)
        {
            LogSuperseded(logger, page.Name, page.ETag);
            return ParseOutcome.Parsed;
        }

        await rejections.ClearAsync(page.Name, cancellationToken).ConfigureAwait(false);
        metrics.PageParsed();
        LogParsed(logger, page.Name, article.Title, article.Body!.Length, write);
        return ParseOutcome.Parsed;
    }

    private async Task<ParseOutcome> RejectAsync(RawPage page, string status, string reason, CancellationToken cancellationToken)
    {
        // Like an article, a refusal speaks only for the blob's current version: a newer one's own trigger records its fate.
        if (!ETags.Same(await rawPages.CurrentETagAsync(page.Name, cancellationToken).ConfigureAwait(false), page.ETag))
        {
            LogSuperseded(logger, page.Name, page.ETag);
            return ParseOutcome.Rejected;
        }

        LogRejected(logger, page.Name, status, reason);
        await rejections.RecordAsync(page.Name, status, reason, page.ETag, cancellationToken).ConfigureAwait(false);
        metrics.PageRejected(status);
        return ParseOutcome.Rejected;
    }

    private static int ExtractionSlots(ParseOptions options) =>
        options.MaxConcurrentExtractions > 0 ? options.MaxConcurrentExtractions : Environment.ProcessorCount;

    [LoggerMessage(Level = LogLevel.Information, Message = "Parsed {Blob}: {Title} ({BodyLength} characters, {Write})")]
    private static partial void LogParsed(ILogger logger, string blob, string? title, int bodyLength, ArticleWrite write);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected {Blob}: {Status} {Reason}")]
    private static partial void LogRejected(ILogger logger, string blob, string status, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Already parsed {Blob} version {ETag}: left as it is")]
    private static partial void LogAlreadyParsed(ILogger logger, string blob, string etag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Nothing to parse for {Blob}: the blob was deleted before it could be read")]
    private static partial void LogVanished(ILogger logger, string blob);

    [LoggerMessage(Level = LogLevel.Information, Message = "Not storing {Blob} version {ETag}: the blob changed while it was parsed; the newer version's parse stores it")]
    private static partial void LogSuperseded(ILogger logger, string blob, string etag);
}
