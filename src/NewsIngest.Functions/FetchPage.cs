using Microsoft.Azure.Functions.Worker;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.Functions;

/// <summary>Queue: downloads the requested page (or batch of pages) into <c>raw-pages</c>. A transient failure of a single page throws, so the platform retries, then dead-letters; a page of a batch that fails is queued again on its own.</summary>
public sealed class FetchPage(PageDownloader downloader)
{
    [Function(nameof(FetchPage))]
    public async Task Run(
        [QueueTrigger(StorageNames.PageRequestsQueue, Connection = StorageNames.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        // A message that is not a page request throws here: after maxDequeueCount tries it lands in the poison queue, logged.
        var request = PageRequest.FromJson(message);
        await downloader.DownloadAllAsync(request, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
