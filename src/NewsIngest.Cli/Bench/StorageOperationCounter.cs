using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace NewsIngest.Cli.Bench;

/// <summary>One counted kind of storage request: service, operation and price class, with how many were sent.</summary>
internal sealed record StorageOperationCount(string Service, string Operation, string PriceClass, long Count);

/// <summary>
/// Counts every storage request the SDK clients send, retries included, by service, operation and price class, and table
/// requests also by table (which table a request goes to says which code pays it). Attached through <see cref="Attach"/> to
/// the clients' options; the deployed app never attaches it.
/// </summary>
internal sealed class StorageOperationCounter
{
    private readonly ConcurrentDictionary<(string Service, string Operation, string PriceClass), long> _counts = new();
    private readonly ConcurrentDictionary<string, long> _tables = new(StringComparer.Ordinal);

    /// <summary>Adds a counting policy to one client's options; pass it as the <c>configureClients</c> of <c>StorageAccount</c>.</summary>
    public void Attach(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Func<Request, (string, string)> classify = options switch
        {
            BlobClientOptions => StorageOperationKind.Blob,
            QueueClientOptions => StorageOperationKind.Queue,
            TableClientOptions => StorageOperationKind.Table,
            _ => throw new ArgumentException($"No storage service for {options.GetType().Name}.", nameof(options)),
        };
        var service = options switch
        {
            BlobClientOptions => "blob",
            QueueClientOptions => "queue",
            _ => "table",
        };
        // Per retry: a retried request is sent, and billed, again.
        options.AddPolicy(new CountingPolicy(this, service, classify), HttpPipelinePosition.PerRetry);
    }

    /// <summary>The counts so far, ordered by service then operation.</summary>
    public IReadOnlyList<StorageOperationCount> Snapshot() =>
        [.. _counts.Select(pair => new StorageOperationCount(pair.Key.Service, pair.Key.Operation, pair.Key.PriceClass, pair.Value))
            .OrderBy(count => count.Service, StringComparer.Ordinal)
            .ThenBy(count => count.Operation, StringComparer.Ordinal)];

    /// <summary>Table requests so far by table name (<c>FeedState</c>, <c>HostLeases</c>…); a batch names no table and counts as <c>$batch</c>.</summary>
    public IReadOnlyDictionary<string, long> TableSnapshot() => new SortedDictionary<string, long>(_tables, StringComparer.Ordinal);

    /// <summary>Forgets every count: a bench resets after its warm-up.</summary>
    public void Reset()
    {
        _counts.Clear();
        _tables.Clear();
    }

    private void Add(string service, Request request, (string Operation, string PriceClass) kind)
    {
        _counts.AddOrUpdate((service, kind.Operation, kind.PriceClass), 1, (_, count) => count + 1);
        if (service == "table")
        {
            _tables.AddOrUpdate(TableOf(request), 1, (_, count) => count + 1);
        }
    }

    private static string TableOf(Request request)
    {
        var segment = request.Uri.Path.TrimEnd('/').Split('/')[^1];
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        return open < 0 ? segment : segment[..open];
    }

    private sealed class CountingPolicy(StorageOperationCounter counter, string service, Func<Request, (string, string)> classify) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => counter.Add(service, message.Request, classify(message.Request));
    }
}
