using Azure.Data.Tables;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Whether a raw page version has been parsed to its end: its <c>Articles</c> row (the commit record of an article) or its
/// <c>Rejections</c> row records that version. Asked only off the fetcher's happy path — a page met again after a crash, a
/// redelivered request, a claim past its lease — so a fetched page's first parse never pays for it; and by the blob trigger,
/// whose pages are mostly dropped by hand, so a fetched page's stray event costs a read rather than a second parse.
/// </summary>
public sealed class ParseRecords(StorageClients storage)
{
    private static readonly string[] RawETagOnly = ["RawETag"];

    /// <summary>True when an article or a rejection was made from raw version <paramref name="rawETag"/>, by any extractor version.</summary>
    public async Task<bool> ExistAsync(string rawPageName, string rawETag, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await RecordsAsync(storage.ArticlesTable, rawPageName, rawETag, cancellationToken).ConfigureAwait(false)
            || await RecordsAsync(storage.RejectionsTable, rawPageName, rawETag, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> RecordsAsync(TableClient table, string rawPageName, string rawETag, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName), RawETagOnly, cancellationToken).ConfigureAwait(false);
        return response.HasValue && ETags.Same(response.Value!.GetString("RawETag"), rawETag);
    }
}
