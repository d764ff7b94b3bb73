using Microsoft.Azure.Functions.Worker;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Functions;

/// <summary>Queue: downloads the requested page (or batch of pages) into <c>raw-pages</c> and parses what it stored. A transient failure of a single page throws, so the platform retries, then dead-letters; a page of a batch that fails is queued again on its own.</summary>
public sealed class FetchPage(PageDownloader downloader)
{
    [Function(nameof(FetchPage))]
    public async Task Run(
        [QueueTrigger(StorageNames.PageRequestsQueue, Connection = StorageNames.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        await downloader.DownloadMessageAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
