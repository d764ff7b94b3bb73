using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// Runs raw pages already stored — fetched or dropped — through <see cref="PageProcessor"/> again, as <c>ParsePage</c>
/// would: after an extractor upgrade, or to finish a run a fault interrupted. Streams the container listing (one
/// page of names at a time) through a few workers, so memory stays bounded whatever the number of blobs. Resumable:
/// a page whose article or rejection already records the blob's current ETag and the current extractor version is
/// counted unchanged without being downloaded. One page's storage error is that page's: a 4xx answer (the service refusing
/// that page's request) is logged, recorded and counted failed, and the run goes on; an outage (5xx, unreachable, timeout,
/// throttling, after the SDK's retries) still ends the run, since every later page would fail the same way.
/// </summary>
public sealed partial class PageReparser(
    StorageClients storage,
    ArticleStore articles,
    RejectionStore rejections,
    PageProcessor processor,
    ILogger<PageReparser> logger)
{
    /// <summary>Pages in flight at once: enough to overlap storage round trips, few enough to leave the CPU to other work.</summary>
    public const int Parallelism = 4;

    /// <summary>How many blobs the filter selects: one listing pass, names only, for a progress bar's total.</summary>
    public async Task<long> CountAsync(ReparseFilter filter, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in ListAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    public async Task<ReparseSummary> RunAsync(ReparseFilter filter, IProgress<ParseOutcome>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // One counter per outcome, indexed by the enum's value.
        var counts = new long[Enum.GetValues<ParseOutcome>().Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ListAsync(filter, cancellationToken), options, async (item, token) =>
        {
            var done = await ReparseAsync(item, token).ConfigureAwait(false);
            Interlocked.Increment(ref counts[(int)done]);
            progress?.Report(done);
        }).ConfigureAwait(false);
        return new ReparseSummary(counts[(int)ParseOutcome.Parsed], counts[(int)ParseOutcome.Rejected], counts[(int)ParseOutcome.Unchanged], counts[(int)ParseOutcome.Failed]);
    }

    /// <summary>True for an answer that refuses this page's request rather than saying storage is down: 4xx, but not 408 or 429.</summary>
    internal static bool IsPageError(RequestFailedException ex) => ex.Status is >= 400 and < 500 and not 408 and not 429;

    private async Task<ParseOutcome> ReparseAsync(BlobItem item, CancellationToken cancellationToken)
    {
        try
        {
            return await ReparseOneAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IsPageError(ex))
        {
            LogPageFailed(logger, item.Name, ex.Status, ex.ErrorCode, ex.Message);
            try
            {
                // No ETag: the page is not done, and the next reparse must try it again.
                await rejections.RecordAsync(item.Name, RejectionStatus.StorageFailed, $"Storage answered {ex.Status} {ex.ErrorCode}: {ex.Message}", cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException recordError) when (IsPageError(recordError))
            {
                // The log line above is then the only record.
            }

            return ParseOutcome.Failed;
        }
    }

    private async Task<ParseOutcome> ReparseOneAsync(BlobItem item, CancellationToken cancellationToken)
    {
        var etag = item.Properties.ETag?.ToString();
        if (etag is not null
            && (await articles.IsCurrentAsync(item.Name, etag, cancellationToken).ConfigureAwait(false)
                || await rejections.IsCurrentAsync(item.Name, etag, cancellationToken).ConfigureAwait(false)))
        {
            return ParseOutcome.Unchanged;
        }

        // Most pages a reparse meets have an article already: read before writing rather than try an insert that conflicts.
        return await processor.ProcessAsync(storage.RawPages.GetBlobClient(item.Name), likelyNew: false, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<BlobItem> ListAsync(ReparseFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var prefix = string.IsNullOrWhiteSpace(filter.Host) ? null : filter.Host.Trim().ToLowerInvariant() + "/";
        await foreach (var item in storage.RawPages.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken).ConfigureAwait(false))
        {
            if (filter.Since is not { } since || item.Properties.LastModified >= since)
            {
                yield return item;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reparse of {Blob} failed: storage answered {Status} {ErrorCode}; the other pages go on ({Detail})")]
    private static partial void LogPageFailed(ILogger logger, string blob, int status, string? errorCode, string detail);
}
