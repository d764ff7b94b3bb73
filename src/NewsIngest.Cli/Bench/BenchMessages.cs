using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// Takes a bench's page requests back out of a queue it may share: deletes the messages whose body contains a marker (the
/// bench's URL prefix) and leaves every other message as it was, visible again at the end.
/// </summary>
internal static class BenchMessages
{
    /// <summary>Other messages are hidden this long while the queue is searched, so the search ends; they are shown again after.</summary>
    private static readonly TimeSpan SearchVisibility = TimeSpan.FromMinutes(5);

    public static async Task<int> RemoveAsync(QueueClient queue, string marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var others = new List<QueueMessage>();
        var removed = 0;
        try
        {
            while ((await queue.ReceiveMessagesAsync(32, SearchVisibility, cancellationToken).ConfigureAwait(false)).Value is { Length: > 0 } batch)
            {
                foreach (var message in batch)
                {
                    if (message.Body.ToString().Contains(marker, StringComparison.Ordinal))
                    {
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                        removed++;
                    }
                    else
                    {
                        others.Add(message);
                    }
                }
            }
        }
        finally
        {
            foreach (var message in others)
            {
                try
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                }
                catch (RequestFailedException)
                {
                    // Gone or received by someone else meanwhile: theirs now.
                }
            }
        }

        return removed;
    }
}
