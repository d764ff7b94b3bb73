using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// One whole pipeline cycle in-process — feeds → queue → pages → parse — with exactly the code the Functions run,
/// for the CLI and the demo. Where the Functions platform would retry or dead-letter a message, this does the same.
/// </summary>
public sealed partial class IngestCycle(
    FeedPoller poller,
    PageDownloader downloader,
    PageProcessor processor,
    StorageClients storage,
    PoisonedRequests poison,
    ILogger<IngestCycle> logger)
{
    /// <summary>As the Functions host's default <c>maxDequeueCount</c>: a message failing this often goes to the poison queue.</summary>
    public const int MaxDequeueCount = PageDownloader.MaxDeliveries;

    private const int Concurrency = 4;

    public async Task<IngestSummary> RunAsync(CancellationToken cancellationToken)
    {
        var poll = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
        var stored = new ConcurrentQueue<string>();
        int duplicates = poll.Duplicates, skipped = 0;
        while (true)
        {
            var batch = (await storage.PageRequests.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (message, ct) =>
            {
                switch (await DownloadAsync(message, ct).ConfigureAwait(false))
                {
                    case (DownloadOutcome.Stored, { } name):
                        stored.Enqueue(name);
                        break;
                    case (DownloadOutcome.Duplicate, _):
                        Interlocked.Increment(ref duplicates);
                        break;
                    case (DownloadOutcome.Skipped, _):
                        Interlocked.Increment(ref skipped);
                        break;
                }
            }).ConfigureAwait(false);
        }

        int parsed = 0, rejected = 0;
        await Parallel.ForEachAsync(stored, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (name, ct) =>
        {
            var outcome = await processor.ProcessAsync(storage.RawPages.GetBlobClient(name), ct).ConfigureAwait(false);
            Interlocked.Increment(ref (outcome == ParseOutcome.Parsed ? ref parsed : ref rejected));
        }).ConfigureAwait(false);

        return new IngestSummary
        {
            Feeds = poll.Feeds,
            NotModified = poll.NotModified,
            NewItems = poll.NewItems,
            Fetched = stored.Count,
            Parsed = parsed,
            Rejected = rejected,
            Skipped = skipped,
            Duplicates = duplicates,
            StoredPages = [.. stored],
        };
    }

    private async Task<(DownloadOutcome? Outcome, string? Name)> DownloadAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        PageRequest request;
        try
        {
            request = PageRequest.FromJson(message.Body.ToString());
        }
        catch (JsonException ex)
        {
            LogBadMessage(logger, message.MessageId, ex.Message);
            await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            return (null, null);
        }

        try
        {
            var outcome = await downloader.DownloadAsync(request, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            await storage.PageRequests.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            return (outcome, RawPageNames.ForUrl(request.Url));
        }
        catch (TransientFetchException ex)
        {
            LogRetry(logger, request.Url, message.DequeueCount, ex.Message);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
            }

            // Otherwise the message reappears after its visibility timeout and a later cycle retries it.
            return (null, null);
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.AddAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
        await storage.PageRequests.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue message {MessageId} is not a page request: {Reason}")]
    private static partial void LogBadMessage(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {Url} failed on attempt {Attempt}: {Reason}")]
    private static partial void LogRetry(ILogger logger, Uri url, long attempt, string reason);
}
