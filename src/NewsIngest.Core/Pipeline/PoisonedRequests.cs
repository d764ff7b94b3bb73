using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Storage;

namespace NewsIngest.Core.Pipeline;

/// <summary>
/// The page requests that failed every delivery (<c>page-requests-poison</c>, where the Functions host and <see cref="IngestCycle"/>
/// put them): listed with the reason their claim recorded, and moved back to <c>page-requests</c> on demand.
/// </summary>
public sealed class PoisonedRequests(StorageClients storage, PageClaimStore claims)
{
    /// <summary>The Functions host's naming: the trigger queue's name with <c>-poison</c> appended.</summary>
    public const string Name = StorageNames.PageRequestsQueue + "-poison";

    /// <summary>Peek returns at most 32 messages and leaves them untouched: listing never hides them from a requeue.</summary>
    private const int PeekLimit = 32;

    private readonly QueueClient _queue = storage.Account.Queues.GetQueueClient(Name);

    /// <summary>How many messages the poison queue holds (approximate, as the service counts).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (!await _queue.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        return (await _queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
    }

    /// <summary>The first messages of the poison queue (at most 32, the service's peek limit), oldest first.</summary>
    public async IAsyncEnumerable<PoisonedRequest> PeekAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await _queue.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        var messages = (await _queue.PeekMessagesAsync(PeekLimit, cancellationToken).ConfigureAwait(false)).Value;
        foreach (var message in messages)
        {
            yield return await DescribeAsync(message.MessageId, message.InsertedOn, message.Body.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves every poisoned message back to <c>page-requests</c> (claims back to Queued); returns what was moved.</summary>
    public async Task<IReadOnlyList<PoisonedRequest>> RequeueAllAsync(CancellationToken cancellationToken)
    {
        var moved = new List<PoisonedRequest>();
        if (!await _queue.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return moved;
        }

        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var batch = (await _queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                return moved;
            }

            foreach (var message in batch)
            {
                var described = await DescribeAsync(message.MessageId, message.InsertedOn, message.Body.ToString(), cancellationToken).ConfigureAwait(false);
                // Send before delete: a crash in between leaves the request in both queues, never in neither; the downloader stores a page once.
                await storage.PageRequests.SendMessageAsync(described.Body, cancellationToken).ConfigureAwait(false);
                if (described.Url is not null)
                {
                    await claims.MarkAsync(described.Url, ClaimState.Queued, described.Reason, 0, cancellationToken).ConfigureAwait(false);
                }

                await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved.Add(described);
            }
        }
    }

    /// <summary>Puts a message into the poison queue, as the Functions host does after <c>maxDequeueCount</c> failed deliveries.</summary>
    public async Task AddAsync(string body, CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PoisonedRequest> DescribeAsync(string messageId, DateTimeOffset? insertedOn, string body, CancellationToken cancellationToken)
    {
        PageRequest request;
        try
        {
            request = PageRequest.FromJson(body);
        }
        catch (JsonException ex)
        {
            return new PoisonedRequest(messageId, insertedOn, null, null, "Not a page request: " + ex.Message, body);
        }

        var claim = await claims.GetAsync(request.Url, cancellationToken).ConfigureAwait(false);
        return new PoisonedRequest(messageId, insertedOn, request.Url, request.FeedUrl, claim?.LastError, body);
    }
}
