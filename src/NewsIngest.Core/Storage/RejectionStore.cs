using Azure.Data.Tables;
using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Storage;

/// <summary>The <c>Rejections</c> table: every raw page that gave no article, with why. The raw blob itself stays.</summary>
public sealed class RejectionStore(StorageClients storage)
{
    /// <summary>Records a refusal not tied to a stored raw version (a page that could not be fetched).</summary>
    public Task RecordAsync(string rawPageName, string status, string reason, CancellationToken cancellationToken) =>
        RecordAsync(rawPageName, status, reason, rawETag: null, cancellationToken);

    /// <summary>Records why a raw page version gave no article; the ETag and extractor version let reparse skip it next time.</summary>
    public async Task RecordAsync(string rawPageName, string status, string reason, string? rawETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName))
        {
            ["Blob"] = rawPageName,
            ["Status"] = status,
            ["Reason"] = reason.Length > 4000 ? reason[..4000] : reason,
            ["RejectedAt"] = DateTimeOffset.UtcNow,
            ["RawETag"] = rawETag,
            ["ExtractorVersion"] = ArticleSchema.ExtractorVersion,
        };
        await storage.RejectionsTable.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when this raw version was already refused by the current extractor.</summary>
    public async Task<bool> IsCurrentAsync(string rawPageName, string rawETag, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.RejectionsTable.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName), ["RawETag", "ExtractorVersion"], cancellationToken).ConfigureAwait(false);
        return response.HasValue
            && ETags.Same(response.Value!.GetString("RawETag"), rawETag)
            && response.Value.GetString("ExtractorVersion") == ArticleSchema.ExtractorVersion;
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
