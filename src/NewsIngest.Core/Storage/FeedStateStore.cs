using Azure.Data.Tables;

namespace NewsIngest.Core.Storage;

/// <summary>The <c>FeedState</c> table: each feed's HTTP validators, so an unchanged feed costs one 304.</summary>
public sealed class FeedStateStore(StorageClients storage)
{
    /// <summary>The validators saved at the feed's last complete read; <c>Known</c> is false for a feed never read in full.</summary>
    public async Task<(string? ETag, string? LastModified, bool Known)> GetAsync(Uri feedUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (partition, row) = Keys(feedUrl);
        var response = await storage.FeedStateTable.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? (response.Value!.GetString("ETag"), response.Value.GetString("LastModified"), true) : (null, null, false);
    }

    public async Task SaveAsync(Uri feedUrl, string? etag, string? lastModified, int items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var (partition, row) = Keys(feedUrl);
        var entity = new TableEntity(partition, row)
        {
            ["Url"] = feedUrl.AbsoluteUri,
            ["ETag"] = etag,
            ["LastModified"] = lastModified,
            ["Items"] = items,
            ["CheckedAt"] = DateTimeOffset.UtcNow,
        };
        await storage.FeedStateTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static (string Partition, string Row) Keys(Uri feedUrl) =>
        (TableKeys.Encode(feedUrl.Host.ToLowerInvariant()), TableKeys.Encode(feedUrl.AbsoluteUri));
}
