using Azure.Data.Tables;

namespace NewsIngest.Core.Storage;

/// <summary>The <c>Rejections</c> table: every raw page that gave no article, with why. The raw blob itself stays.</summary>
public sealed class RejectionStore(StorageClients storage)
{
    public async Task RecordAsync(string rawPageName, string status, string reason, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName))
        {
            ["Blob"] = rawPageName,
            ["Status"] = status,
            ["Reason"] = reason.Length > 4000 ? reason[..4000] : reason,
            ["RejectedAt"] = DateTimeOffset.UtcNow,
        };
        await storage.RejectionsTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Clears a page's rejection once it parses, so the table lists only pages still refused.</summary>
    public async Task ClearAsync(string rawPageName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await storage.RejectionsTable.DeleteEntityAsync(TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<Rejection> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in storage.RejectionsTable.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new Rejection(
                entity.GetString("Blob") ?? TableKeys.Decode(entity.RowKey),
                entity.GetString("Status") ?? "unknown",
                entity.GetString("Reason") ?? string.Empty,
                entity.GetDateTimeOffset("RejectedAt"));
        }
    }
}

