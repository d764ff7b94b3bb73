using Microsoft.Extensions.Logging;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Fetching;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The queue's work: download one requested page into <c>raw-pages</c>, once, and record in <c>PageClaims</c> why a page was not
/// stored (skipped, failing, poisoned). A stored page needs no record: its raw blob is the proof, and one table write per page saved.
/// A page met again already stored — a redelivered message, a claim taken over, another run's copy — is parsed here when no parse
/// of it was recorded (an earlier run stopped between storing and parsing), so neither host leaves a raw page behind unparsed.
/// A transient failure throws <see cref="TransientFetchException"/> so the queue retries; on the last delivery the claim is
/// marked <see cref="ClaimState.Poisoned"/> with the reason, which is what <c>newsingest poison</c> shows next to the message.
/// </summary>
public sealed partial class PageDownloader(
    PageFetcher fetcher,
    RawPageStore rawPages,
    RejectionStore rejections,
    PageClaimStore claims,
    ParseRecords parseRecords,
    PageProcessor processor,
    StorageClients storage,
    ILogger<PageDownloader> logger)
{
    /// <summary>As the Functions host's <c>maxDequeueCount</c> in host.json: the delivery after which a message is poisoned.</summary>
    public const int MaxDeliveries = 5;

    /// <summary>host.json's queue <c>visibilityTimeout</c>: the pause before a failed page is delivered again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one batch message may take before its remaining pages go back to the queue as a new batch: a host with a long
    /// Crawl-delay would otherwise hold a function (10-minute timeout) or a cycle's received message (10-minute visibility) too long.
    /// </summary>
    public static readonly TimeSpan BatchBudget = TimeSpan.FromMinutes(2);

    public Task<DownloadOutcome> DownloadAsync(PageRequest request, CancellationToken cancellationToken) =>
        DownloadAsync(request, delivery: 1, cancellationToken);

    /// <param name="request">The page to download.</param>
    /// <param name="delivery">How many times the queue has delivered this message, this time included (its dequeue count).</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public async Task<DownloadOutcome> DownloadAsync(PageRequest request, long delivery, CancellationToken cancellationToken) =>
        (await DownloadPageAsync(request, delivery, cancellationToken).ConfigureAwait(false)).Outcome;

    /// <summary>
    /// Downloads every page of a message, single or batch (<see cref="PageRequest.More"/>), with the pages this call stored. A
    /// single-page request behaves as <see cref="DownloadPageAsync"/>: a transient failure throws, so the queue retries it. In a
    /// batch, a page failing transiently is sent back to the queue as a single-page request of its own, visible after
    /// <see cref="RetryDelay"/>, and the others go on: from then on it retries and is poisoned as any single page, and the batch
    /// message completes. Pages still to do after <see cref="BatchBudget"/> go back to the queue as a batch of their own. Only a
    /// failure to record or re-enqueue a page (storage down) fails the whole batch, whose redelivery finds the pages already
    /// stored, parses those left unparsed, and downloads the rest.
    /// </summary>
    public Task<IReadOnlyList<PageDownload>> DownloadAllAsync(PageRequest request, long delivery, CancellationToken cancellationToken) =>
        DownloadAllAsync(request, delivery, BatchBudget, cancellationToken);

    /// <summary>
    /// The queue trigger's work on one <c>page-requests</c> message, for every host that binds the queue (the Functions app,
    /// <c>newsingest run</c>): <see cref="DownloadAllAsync(PageRequest, long, CancellationToken)"/> of the request it holds, then the
    /// parse of every page it stored (<see cref="PageDownload.Parse"/>), as the in-process cycle does. A message that is not a page
    /// request throws, so the listener retries it and, after <c>maxDequeueCount</c> tries, poisons it, logged.
    /// </summary>
    public async Task<IReadOnlyList<PageDownload>> DownloadMessageAsync(string message, long dequeueCount, CancellationToken cancellationToken)
    {
        var downloads = await DownloadAllAsync(PageRequest.FromJson(message), dequeueCount, cancellationToken).ConfigureAwait(false);
        var done = new List<PageDownload>(downloads.Count);
        foreach (var download in downloads)
        {
            // Parsed here, from the bytes in hand: the blob trigger would read them back (a request and an execution per page)
            // to do the same work. A failure throws, so the message is delivered again and that delivery parses what this
            // one stored (FinishStoredAsync); the stored blob is never left unparsed by a completed message.
            done.Add(download is { Outcome: DownloadOutcome.Stored, Stored: { } stored }
                ? download with { Parse = await processor.ProcessStoredAsync(stored, firstVersion: true, cancellationToken).ConfigureAwait(false) }
                : download);
        }

        return done;
    }

    internal async Task<IReadOnlyList<PageDownload>> DownloadAllAsync(PageRequest request, long delivery, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsBatch)
        {
            return [await DownloadPageAsync(request, delivery, cancellationToken).ConfigureAwait(false)];
        }

        var results = new List<PageDownload>();
        var pages = request.Pages();
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            if (i > 0 && started.Elapsed >= budget)
            {
                var rest = new PageRequest(page.Url, page.FeedUrl) { More = i + 1 < pages.Count ? [.. pages.Skip(i + 1).Select(p => p.Url)] : null, Recheck = request.Recheck };
                LogDeferred(logger, pages.Count - i, request.Url);
                await storage.PageRequests.SendMessageAsync(rest.ToJson(), cancellationToken).ConfigureAwait(false);
                break;
            }

            try
            {
                // Below the last delivery: a page of a batch is never poisoned in the batch, only as a message of its own.
                results.Add(await DownloadPageAsync(page, Math.Min(delivery, MaxDeliveries - 1), cancellationToken).ConfigureAwait(false));
            }
            catch (TransientFetchException ex)
            {
                LogSplit(logger, page.Url, ex.Message);
                await storage.PageRequests.SendMessageAsync(page.ToJson(), visibilityTimeout: RetryDelay, cancellationToken: cancellationToken).ConfigureAwait(false);
                results.Add(new PageDownload(DownloadOutcome.Retrying));
            }
        }

        return results;
    }

    /// <summary>
    /// As <see cref="DownloadAsync(PageRequest, long, CancellationToken)"/>, with the page itself when this call stored it. Whatever
    /// goes wrong with the page — a failed fetch, a storage call that throws, an exception of any type — ends as one
    /// <see cref="TransientFetchException"/> after its claim records the reason (<see cref="ClaimState.Poisoned"/> on the last
    /// delivery): the page's failure is the page's, retried then poisoned, and never an unexpected exception for the caller.
    /// </summary>
    public async Task<PageDownload> DownloadPageAsync(PageRequest request, long delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = RawPageNames.ForUrl(request.Url);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["Url"] = request.Url, ["Blob"] = name });
        string reason;
        Exception? cause = null;
        try
        {
            var (download, failure) = await TryDownloadPageAsync(request, name, delivery, cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return download;
            }

            reason = failure;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"Downloading {request.Url} failed: {PageFetcher.Describe(ex)}";
            cause = ex;
        }

        var state = delivery >= MaxDeliveries ? ClaimState.Poisoned : ClaimState.Queued;
        await claims.MarkAsync(request.Url, state, reason, (int)delivery, cancellationToken).ConfigureAwait(false);
        throw cause is null ? new TransientFetchException(reason) : new TransientFetchException(reason, cause);
    }

    /// <summary>One attempt at a page: its outcome, or the reason of a transient failure (a failed fetch, a 5xx, 408 or 429).</summary>
    private async Task<(PageDownload Download, string? Failure)> TryDownloadPageAsync(PageRequest request, string name, long delivery, CancellationToken cancellationToken)
    {
        // Claims give each page one message, so only a redelivery (a crash before the message was deleted) or a claim taken over
        // after its lease can find the page stored already; checking then, and only then, saves a request per page on the first
        // delivery. The create-only upload guards the rest.
        if ((delivery > 1 || request.Recheck) && await rawPages.CurrentETagAsync(name, cancellationToken).ConfigureAwait(false) is { } storedETag)
        {
            return (await FinishStoredAsync(name, storedETag, cancellationToken).ConfigureAwait(false), null);
        }

        var result = await fetcher.FetchPageAsync(request.Url, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case FetchStatus.Ok:
                var origin = new RawPageOrigin(request.Url, request.FeedUrl, result.FetchedAt, result.ContentType);
                var stored = await rawPages.TryAddAsync(name, result.Content, origin, cancellationToken).ConfigureAwait(false);
                LogStored(logger, request.Url, name, result.Content.Length);
                if (stored is not null)
                {
                    return (new PageDownload(DownloadOutcome.Stored, stored), null);
                }

                // Another run stored it first; it may have stopped before parsing it.
                return (await rawPages.CurrentETagAsync(name, cancellationToken).ConfigureAwait(false) is { } etag
                    ? await FinishStoredAsync(name, etag, cancellationToken).ConfigureAwait(false)
                    : new PageDownload(DownloadOutcome.Duplicate), null);
            case FetchStatus.Failed:
            case FetchStatus.HttpError when result.HttpStatus is >= 500 or 408 or 429:
                return (new PageDownload(default), $"Fetching {request.Url} failed: {result.Error}");
            default:
                LogSkipped(logger, request.Url, result.Status, result.Error ?? string.Empty);
                await rejections.RecordAsync(name, "skipped-" + result.Status.ToString().ToLowerInvariant(), $"{request.Url}: {result.Error}", cancellationToken).ConfigureAwait(false);
                await claims.MarkAsync(request.Url, ClaimState.Skipped, result.Error ?? result.Status.ToString(), (int)delivery, cancellationToken).ConfigureAwait(false);
                return (new PageDownload(DownloadOutcome.Skipped), null);
        }
    }

    /// <summary>A page already stored: nothing to do when a parse of this version is recorded, else it is parsed now.</summary>
    private async Task<PageDownload> FinishStoredAsync(string name, string rawETag, CancellationToken cancellationToken)
    {
        if (await parseRecords.ExistAsync(name, rawETag, cancellationToken).ConfigureAwait(false))
        {
            return new PageDownload(DownloadOutcome.Duplicate);
        }

        LogRecovering(logger, name);
        var parsed = await processor.ProcessAsync(storage.RawPages.GetBlobClient(name), cancellationToken).ConfigureAwait(false);
        return new PageDownload(DownloadOutcome.Recovered, Parse: parsed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} pages of the batch starting at {Url} queued again as a batch of their own: the batch ran out of time")]
    private static partial void LogDeferred(ILogger logger, int count, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {Url} of a batch failed, queued again on its own: {Reason}")]
    private static partial void LogSplit(ILogger logger, Uri url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {Url} as {Blob} ({Bytes} bytes)")]
    private static partial void LogStored(ILogger logger, Uri url, string blob, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Blob} was stored by a run that stopped before parsing it: parsing it now")]
    private static partial void LogRecovering(ILogger logger, string blob);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {Url}: {Status} {Reason}")]
    private static partial void LogSkipped(ILogger logger, Uri url, FetchStatus status, string reason);
}
