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

    /// <summary>
    /// The first messages of the poison queue (at most 32, the service's peek limit), oldest first; then the claims marked
    /// <see cref="ClaimState.Poisoned"/> that have no message among them — e.g. a poison message that expired after the queue's
    /// 7-day time-to-live — so a page that failed for good stays visible as long as its claim exists.
    /// </summary>
    public async IAsyncEnumerable<PoisonedRequest> PeekAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listed = new HashSet<Uri>();
        if (await _queue.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            var messages = (await _queue.PeekMessagesAsync(PeekLimit, cancellationToken).ConfigureAwait(false)).Value;
            foreach (var message in messages)
            {
                var described = await DescribeAsync(message.MessageId, message.InsertedOn, message.Body.ToString(), cancellationToken).ConfigureAwait(false);
                if (described.Url is not null)
                {
                    listed.Add(described.Url);
                }

                yield return described;
            }
        }

        await foreach (var claim in claims.ListAsync(ClaimState.Poisoned, cancellationToken).ConfigureAwait(false))
        {
            if (!listed.Contains(claim.Url))
            {
                yield return FromClaim(claim);
            }
        }
    }

    /// <summary>
    /// Moves every poisoned message back to <c>page-requests</c>, then enqueues afresh every claim still marked
    /// <see cref="ClaimState.Poisoned"/> (its message is gone); all those claims go back to Queued. Returns what was requeued.
    /// </summary>
    public async Task<IReadOnlyList<PoisonedRequest>> RequeueAllAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var moved = new List<PoisonedRequest>();
        if (await _queue.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            await MoveMessagesAsync(moved, cancellationToken).ConfigureAwait(false);
        }

        var orphans = new List<PageClaim>();
        await foreach (var claim in claims.ListAsync(ClaimState.Poisoned, cancellationToken).ConfigureAwait(false))
        {
            orphans.Add(claim);
        }

        foreach (var claim in orphans)
        {
            await storage.PageRequests.SendMessageAsync(new PageRequest(claim.Url, claim.FeedUrl).ToJson(), cancellationToken).ConfigureAwait(false);
            await claims.MarkAsync(claim.Url, ClaimState.Queued, claim.LastError, 0, cancellationToken).ConfigureAwait(false);
            moved.Add(FromClaim(claim));
        }

        return moved;
    }

    private async Task MoveMessagesAsync(List<PoisonedRequest> moved, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = (await _queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false)).Value;
            if (batch.Length == 0)
            {
                return;
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

    private static PoisonedRequest FromClaim(PageClaim claim) =>
        new(null, null, claim.Url, claim.FeedUrl, (claim.LastError ?? "failed") + " (no message left in the poison queue)", new PageRequest(claim.Url, claim.FeedUrl).ToJson());

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
