using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// Runs raw pages already stored — fetched or dropped — through <see cref="PageProcessor"/> again, as <c>ParsePage</c>
/// would: after an extractor upgrade, or to finish a run a fault interrupted. Streams the container listing (one
/// page of names at a time) through a few workers, so memory stays bounded whatever the number of blobs. Resumable:
/// a page whose article or rejection already records the blob's current ETag and the current extractor version is
/// counted unchanged without being downloaded.
/// </summary>
public sealed class PageReparser(
    StorageClients storage,
    ArticleStore articles,
    RejectionStore rejections,
    PageProcessor processor)
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
        return new ReparseSummary(counts[(int)ParseOutcome.Parsed], counts[(int)ParseOutcome.Rejected], counts[(int)ParseOutcome.Unchanged]);
    }

    private async Task<ParseOutcome> ReparseAsync(BlobItem item, CancellationToken cancellationToken)
    {
        var etag = item.Properties.ETag?.ToString();
        if (etag is not null
            && (await articles.IsCurrentAsync(item.Name, etag, cancellationToken).ConfigureAwait(false)
                || await rejections.IsCurrentAsync(item.Name, etag, cancellationToken).ConfigureAwait(false)))
        {
            return ParseOutcome.Unchanged;
        }

        return await processor.ProcessAsync(storage.RawPages.GetBlobClient(item.Name), cancellationToken).ConfigureAwait(false);
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
}
