using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
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
    IOptions<CycleOptions> options,
    ILogger<IngestCycle> logger)
{
    /// <summary>As the Functions host's default <c>maxDequeueCount</c>: a message failing this often goes to the poison queue.</summary>
    public const int MaxDequeueCount = PageDownloader.MaxDeliveries;

    /// <summary>host.json's queue <c>visibilityTimeout</c>: the pause before a failed message is delivered again.</summary>
    private static readonly TimeSpan RetryDelay = PageDownloader.RetryDelay;

    /// <summary>
    /// Polls the feeds, then drains the queue with <see cref="CycleOptions.Concurrency"/> workers, each parsing the pages it
    /// stored right away (as the blob trigger would), so downloads, storage writes and parsing overlap. A message is deleted only
    /// once each of its pages is stored and parsed, skipped, or handed on to a message of its own: a run that dies half-way leaves
    /// the message to reappear after <see cref="CycleOptions.ReceiveVisibility"/>, and its redelivery finishes what is left.
    /// </summary>
    public async Task<IngestSummary> RunAsync(CancellationToken cancellationToken)
    {
        var poll = await poller.PollAsync(cancellationToken).ConfigureAwait(false);
        var concurrency = options.Value.Concurrency;
        // A small buffer: received messages are invisible for ReceiveVisibility only, and a slow (Crawl-delay) site must not
        // keep buffered ones waiting past it, or they would reappear and be received twice.
        var messages = Channel.CreateBounded<QueueMessage>(new BoundedChannelOptions(concurrency) { SingleWriter = true });
        var counts = new Counts { Duplicates = poll.Duplicates };
        // A worker that fails stops the receiver too, which would otherwise wait forever on a full channel.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, concurrency).Select(_ => WorkAsync(messages.Reader, counts, stop)).ToList();
        var receiver = ReceiveAllAsync(messages.Writer, stop.Token);
        await Task.WhenAll([.. workers, receiver]).ConfigureAwait(false);

        return new IngestSummary
        {
            Feeds = poll.Feeds,
            NotModified = poll.NotModified,
            NewItems = poll.NewItems,
            Fetched = counts.Stored.Count,
            Parsed = counts.Parsed,
            Rejected = counts.Rejected,
            Skipped = counts.Skipped,
            Duplicates = counts.Duplicates,
            FailedFeeds = poll.FailedFeeds,
            Failed = counts.Failed,
            Retrying = counts.Retrying,
            RefusedFeeds = poll.RefusedFeeds,
            StoredPages = [.. counts.Stored],
        };
    }

    /// <summary>Reads the queue until it answers empty; messages failing now reappear after their visibility timeout, for a later cycle.</summary>
    private async Task ReceiveAllAsync(ChannelWriter<QueueMessage> writer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var batch = (await storage.PageRequests.ReceiveMessagesAsync(32, options.Value.ReceiveVisibility, cancellationToken).ConfigureAwait(false)).Value;
                if (batch.Length == 0)
                {
                    return;
                }

                foreach (var message in batch)
                {
                    await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            writer.Complete();
        }
    }

    private async Task WorkAsync(ChannelReader<QueueMessage> reader, Counts counts, CancellationTokenSource stop)
    {
        try
        {
            await WorkItemsAsync(reader, counts, stop.Token).ConfigureAwait(false);
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WorkItemsAsync(ChannelReader<QueueMessage> reader, Counts counts, CancellationToken cancellationToken)
    {
        await foreach (var message in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await HandleAsync(message, counts, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Downloads and parses every page of one message, and only then deletes it.</summary>
    private async Task HandleAsync(QueueMessage message, Counts counts, CancellationToken cancellationToken)
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
            return;
        }

        try
        {
            // A batch message (one feed's new pages of one host) completes even when some of its pages fail: those go back to
            // the queue as single-page messages of their own, which retry and are poisoned as below.
            var pages = await downloader.DownloadAllAsync(request, message.DequeueCount, cancellationToken).ConfigureAwait(false);
            foreach (var page in pages)
            {
                await CountAsync(page, counts, cancellationToken).ConfigureAwait(false);
            }

            // Only now: a message deleted before its pages were parsed would leave them stored, unparsed, and requested by nothing.
            await ForgetIfGoneAsync(() => storage.PageRequests.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Any failure of this message is this message's — its download, or the parse of a page it stored: retried after the
            // visibility timeout (its redelivery parses the pages stored but not parsed), then poisoned, as the Functions host does.
            // The other messages go on; only a failure to do that (storage down) ends the run.
            LogRetry(logger, request.Url, message.DequeueCount, ex.Message);
            if (message.DequeueCount >= MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref counts.Failed);
            }
            else
            {
                // As the Functions host does: the failed message reappears after host.json's visibilityTimeout, for a later cycle.
                await ForgetIfGoneAsync(() => storage.PageRequests.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay, cancellationToken: cancellationToken)).ConfigureAwait(false);
                Interlocked.Increment(ref counts.Retrying);
            }
        }
    }

    private async Task CountAsync(PageDownload page, Counts counts, CancellationToken cancellationToken)
    {
        switch (page)
        {
            case { Outcome: DownloadOutcome.Stored, Stored: { } stored }:
                counts.Stored.Enqueue(stored.Name);
                // The bytes just stored are parsed as they are: reading them back would only cost a request. The blob
                // trigger, where one runs, finds the article already written for this version and leaves it.
                Count(await processor.ProcessStoredAsync(stored, firstVersion: true, cancellationToken).ConfigureAwait(false), counts);
                break;
            case { Outcome: DownloadOutcome.Recovered, Parse: { } parsed }:
                Count(parsed, counts);
                break;
            case { Outcome: DownloadOutcome.Duplicate }:
                Interlocked.Increment(ref counts.Duplicates);
                break;
            case { Outcome: DownloadOutcome.Skipped }:
                Interlocked.Increment(ref counts.Skipped);
                break;
            case { Outcome: DownloadOutcome.Retrying }:
                Interlocked.Increment(ref counts.Retrying);
                break;
            case { Outcome: DownloadOutcome.Failed }:
                Interlocked.Increment(ref counts.Failed);
                break;
        }
    }

    private static void Count(ParseOutcome outcome, Counts counts)
    {
        if (outcome == ParseOutcome.Parsed)
        {
            Interlocked.Increment(ref counts.Parsed);
        }
        else if (outcome == ParseOutcome.Rejected)
        {
            Interlocked.Increment(ref counts.Rejected);
        }

        // Unchanged: another worker (or a blob trigger) parsed this very version first; nothing to count twice.
    }

    /// <summary>
    /// Deletes or updates a received message, unless it was received again meanwhile (it outlived its visibility and another
    /// worker or run has it now, under a new pop receipt): that receiver owns it, and its work on the same pages finds them done.
    /// </summary>
    private static async Task ForgetIfGoneAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == "PopReceiptMismatch")
        {
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.AddAsync(message.Body.ToString(), cancellationToken).ConfigureAwait(false);
        await ForgetIfGoneAsync(() => storage.PageRequests.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>The tallies the workers share.</summary>
    private sealed class Counts
    {
        public int Parsed;
        public int Rejected;
        public int Skipped;
        public int Duplicates;
        public int Failed;
        public int Retrying;

        public ConcurrentQueue<string> Stored { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue message {MessageId} is not a page request: {Reason}")]
    private static partial void LogBadMessage(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Page {Url} failed on attempt {Attempt}: {Reason}")]
    private static partial void LogRetry(ILogger logger, Uri url, long attempt, string reason);
}
