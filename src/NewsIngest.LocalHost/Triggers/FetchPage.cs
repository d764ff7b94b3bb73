using Microsoft.Azure.WebJobs;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;

namespace NewsIngest.LocalHost.Triggers;

/// <summary>The Functions app's <c>FetchPage</c> on the WebJobs SDK's queue listener: a throw is retried, then poisoned, by the listener.</summary>
public sealed class FetchPage(PageDownloader downloader)
{
    [FunctionName(nameof(FetchPage))]
    public async Task Run(
        [QueueTrigger(StorageNames.PageRequestsQueue, Connection = StorageNames.Connection)] string message,
        long dequeueCount,
        CancellationToken cancellationToken)
    {
        await downloader.DownloadMessageAsync(message, dequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
