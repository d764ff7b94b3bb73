using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// Counts table requests by table (<c>FeedState</c>, <c>PageClaims</c>, <c>HostLeases</c>…), retries included, beside the
/// <see cref="StorageOperationCounter"/>'s count by operation: which table a feed's requests go to says which code pays them.
/// A batch names no table in its URL and is counted as <c>$batch</c>.
/// </summary>
internal sealed class TableRequestTally : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var segment = message.Request.Uri.Path.TrimEnd('/').Split('/')[^1];
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        _counts.AddOrUpdate(open < 0 ? segment : segment[..open], 1, (_, count) => count + 1);
    }
}
