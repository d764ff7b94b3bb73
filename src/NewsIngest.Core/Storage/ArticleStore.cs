using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Stores each article as a JSON blob in <c>articles</c>, a row in <c>Articles</c> and a row in <c>ArticlesByDay</c>,
/// all keyed by the raw page's name, so parsing a page again rewrites the same three places (docs/storage.md).
/// </summary>
/// <remarks>
/// Writes are idempotent and safe under concurrent triggers: each write is conditional on the ETag of what it read
/// (optimistic concurrency), and commits only while the raw blob still has the version that was parsed. A parse of
/// an older version therefore never overwrites the article of a newer one. The <c>Articles</c> row is written last:
/// it is the commit record that says the JSON blob and the day index are complete for that raw version.
/// </remarks>
public sealed class ArticleStore(StorageClients storage, RawPageStore rawPages)
{
    private const string RawETagKey = "rawetag";
    private const string ExtractorVersionKey = "extractorversion";

    public Task<ArticleWrite> SaveAsync(RawPage page, Article article, CancellationToken cancellationToken) =>
        SaveAsync(page, article, firstVersion: false, cancellationToken);

    /// <param name="page">The raw page version the article was extracted from.</param>
    /// <param name="article">The article.</param>
    /// <param name="firstVersion">The caller created the raw blob itself (create-only), so no article of it exists yet: skip looking.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<ArticleWrite> SaveAsync(RawPage page, Article article, bool firstVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(article);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (firstVersion && await TryWriteFirstAsync(page, article, cancellationToken).ConfigureAwait(false))
        {
            return ArticleWrite.Written;
        }

        var existing = await GetEntityAsync(storage.ArticlesTable, TableKeys.PartitionFor(page.Name), page.Name, cancellationToken).ConfigureAwait(false);
        if (IsSameVersion(existing, page.ETag))
        {
            return ArticleWrite.Unchanged;
        }

        if (existing is null && await TryWriteFirstAsync(page, article, cancellationToken).ConfigureAwait(false))
        {
            return ArticleWrite.Written;
        }

        var articleBlob = RawPageNames.ArticleBlobFor(page.Name);
        if (!await WriteJsonAsync(page, articleBlob, StoredArticleJson.Serialize(article), cancellationToken).ConfigureAwait(false))
        {
            return ArticleWrite.Superseded;
        }

        var day = ArticleEntities.DayOf(page, article);
        var parsedAt = DateTimeOffset.UtcNow;
        var dayRowETag = await WriteDayRowAsync(page, ArticleEntities.DayRow(page, article, articleBlob, day, parsedAt), cancellationToken).ConfigureAwait(false);
        if (dayRowETag is null)
        {
            return ArticleWrite.Superseded;
        }

        return await CommitRowAsync(page, ArticleEntities.Row(page, article, articleBlob, day, parsedAt), dayRowETag.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored JSON of a page's article, or null when the page has not been parsed.</summary>
    public async Task<Article?> GetAsync(string rawPageName, CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync(rawPageName, cancellationToken).ConfigureAwait(false);
        return json is null ? null : ArticleJson.Deserialize(json);
    }

    /// <summary>The stored JSON text of a page's article exactly as written, or null when the page has not been parsed.</summary>
    public async Task<string?> GetJsonAsync(string rawPageName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Articles.GetBlobClient(RawPageNames.ArticleBlobFor(rawPageName)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The <c>Articles</c> row of a page, or null when the page has no article.</summary>
    public async Task<ArticleRow?> GetRowAsync(string rawPageName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await GetEntityAsync(storage.ArticlesTable, TableKeys.PartitionFor(rawPageName), rawPageName, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ArticleRow.FromEntity(entity);
    }

    /// <summary>True when the page's article was made from raw version <paramref name="rawETag"/> by the current extractor.</summary>
    public async Task<bool> IsCurrentAsync(string rawPageName, string rawETag, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await GetEntityAsync(storage.ArticlesTable, TableKeys.PartitionFor(rawPageName), rawPageName, cancellationToken).ConfigureAwait(false);
        return IsSameVersion(entity, rawETag);
    }

    /// <summary>Every article row, or those of one site: a query on the site's partition, not a table scan.</summary>
    public IAsyncEnumerable<ArticleRow> ListAsync(string? site, CancellationToken cancellationToken) =>
        site is null ? QueryAsync(storage.ArticlesTable, null, cancellationToken) : ListBySiteAsync(site, since: null, cancellationToken);

    /// <summary>
    /// Articles of one site, optionally from a day on. Fetched pages are partitioned by host, so that is one partition;
    /// pages dropped without a folder sit in <see cref="TableKeys.UnsortedPartition"/> and are matched on their URL's host.
    /// </summary>
    public async IAsyncEnumerable<ArticleRow> ListBySiteAsync(string site, DateOnly? since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(site);
        var host = site.Trim().ToLowerInvariant();
        var day = since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

        // Fetched pages' folders are lower-case hosts; a folder dropped by hand keeps the case it was given.
        var partitions = new[] { TableKeys.Encode(host), TableKeys.Encode(site.Trim()) }.Distinct(StringComparer.Ordinal).Where(p => p != TableKeys.UnsortedPartition);
        var filters = partitions.Select(partition => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Day ge {day}")).ToList();
        filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.UnsortedPartition} and Site eq {host} and Day ge {day}"));

        foreach (var filter in filters)
        {
            await foreach (var row in QueryAsync(storage.ArticlesTable, filter, cancellationToken).ConfigureAwait(false))
            {
                yield return row;
            }
        }
    }

    /// <summary>Articles whose day (docs/storage.md) is <paramref name="since"/> or later: a range of <c>ArticlesByDay</c> partitions.</summary>
    public IAsyncEnumerable<ArticleRow> ListSinceAsync(DateOnly since, CancellationToken cancellationToken)
    {
        var day = since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return QueryAsync(storage.ArticlesByDayTable, TableClient.CreateQueryFilter($"PartitionKey ge {day}"), cancellationToken);
    }

    private async IAsyncEnumerable<ArticleRow> QueryAsync(TableClient table, string? filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ArticleRow.FromEntity(entity);
        }
    }

    /// <summary>
    /// The common case, a page parsed for the first time: three create-only writes and no reads. Any conflict means
    /// another parse got there first; the careful path (read, compare versions, conditional write) then decides, and
    /// finds this attempt's own writes already in place. A version superseded while this runs is corrected by the newer
    /// version's own trigger, which finds this row and overwrites it under its ETag.
    /// </summary>
    private async Task<bool> TryWriteFirstAsync(RawPage page, Article article, CancellationToken cancellationToken)
    {
        var articleBlob = RawPageNames.ArticleBlobFor(page.Name);
        var day = ArticleEntities.DayOf(page, article);
        var parsedAt = DateTimeOffset.UtcNow;
        try
        {
            await storage.Articles.GetBlobClient(articleBlob).UploadAsync(
                BinaryData.FromBytes(Encoding.UTF8.GetBytes(StoredArticleJson.Serialize(article))),
                JsonUploadOptions(page, new BlobRequestConditions { IfNoneMatch = ETag.All }),
                cancellationToken).ConfigureAwait(false);
            await storage.ArticlesByDayTable.AddEntityAsync(ArticleEntities.DayRow(page, article, articleBlob, day, parsedAt), cancellationToken).ConfigureAwait(false);
            await storage.ArticlesTable.AddEntityAsync(ArticleEntities.Row(page, article, articleBlob, day, parsedAt), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private static BlobUploadOptions JsonUploadOptions(RawPage page, BlobRequestConditions conditions) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
        Metadata = new Dictionary<string, string> { [RawETagKey] = page.ETag, [ExtractorVersionKey] = ArticleSchema.ExtractorVersion },
        Conditions = conditions,
    };

    /// <summary>Writes the JSON blob unless it already holds this raw version; false when the raw blob has moved on.</summary>
    private async Task<bool> WriteJsonAsync(RawPage page, string articleBlob, string json, CancellationToken cancellationToken)
    {
        var blob = storage.Articles.GetBlobClient(articleBlob);
        var content = BinaryData.FromBytes(Encoding.UTF8.GetBytes(json));
        while (true)
        {
            BlobProperties? current;
            try
            {
                current = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                current = null;
            }

            if (current is not null
                && current.Metadata.TryGetValue(RawETagKey, out var writtenFrom) && ETags.Same(writtenFrom, page.ETag)
                && current.Metadata.TryGetValue(ExtractorVersionKey, out var version) && version == ArticleSchema.ExtractorVersion)
            {
                return true;
            }

            // Checked after reading the blob's ETag: a newer version written since then makes the conditional upload fail.
            if (!ETags.Same(await rawPages.CurrentETagAsync(page.Name, cancellationToken).ConfigureAwait(false), page.ETag))
            {
                return false;
            }

            var options = JsonUploadOptions(page, current is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = current.ETag });
            try
            {
                await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another trigger wrote first: read again and decide again.
            }
        }
    }

    /// <summary>Writes the page's <c>ArticlesByDay</c> row under the same rule; its new ETag, or null when the raw blob has moved on.</summary>
    private async Task<ETag?> WriteDayRowAsync(RawPage page, TableEntity dayRow, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await GetEntityAsync(storage.ArticlesByDayTable, dayRow.PartitionKey, page.Name, cancellationToken).ConfigureAwait(false);
            if (IsSameVersion(existing, page.ETag))
            {
                return existing!.ETag;
            }

            if (!ETags.Same(await rawPages.CurrentETagAsync(page.Name, cancellationToken).ConfigureAwait(false), page.ETag))
            {
                return null;
            }

            try
            {
                var response = existing is null
                    ? await storage.ArticlesByDayTable.AddEntityAsync(dayRow, cancellationToken).ConfigureAwait(false)
                    : await storage.ArticlesByDayTable.UpdateEntityAsync(dayRow, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return response.Headers.ETag ?? ETag.All;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another trigger wrote first: read again and decide again.
            }
        }
    }

    /// <summary>
    /// Writes the <c>Articles</c> row — the commit record — if the raw blob still has the parsed version, then removes the
    /// day row of the previous version when the article moved to another day.
    /// </summary>
    private async Task<ArticleWrite> CommitRowAsync(RawPage page, TableEntity row, ETag dayRowETag, CancellationToken cancellationToken)
    {
        var day = row.GetString(nameof(ArticleRow.Day));
        while (true)
        {
            var existing = await GetEntityAsync(storage.ArticlesTable, row.PartitionKey, page.Name, cancellationToken).ConfigureAwait(false);
            if (IsSameVersion(existing, page.ETag))
            {
                return ArticleWrite.Unchanged;
            }

            if (!ETags.Same(await rawPages.CurrentETagAsync(page.Name, cancellationToken).ConfigureAwait(false), page.ETag))
            {
                // Only the day row this parse wrote goes: if a newer parse has rewritten it since, its ETag no longer matches.
                await DeleteAsync(storage.ArticlesByDayTable, day!, page.Name, dayRowETag, cancellationToken).ConfigureAwait(false);
                return ArticleWrite.Superseded;
            }

            try
            {
                if (existing is null)
                {
                    await storage.ArticlesTable.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await storage.ArticlesTable.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }

            if (existing?.GetString(nameof(ArticleRow.Day)) is { } previousDay && previousDay != day)
            {
                await DeleteAsync(storage.ArticlesByDayTable, previousDay, page.Name, ETag.All, cancellationToken).ConfigureAwait(false);
            }

            return ArticleWrite.Written;
        }
    }

    private static bool IsSameVersion(TableEntity? row, string rawETag) =>
        row is not null
        && ETags.Same(row.GetString(nameof(ArticleRow.RawETag)), rawETag)
        && row.GetString(nameof(ArticleRow.ExtractorVersion)) == ArticleSchema.ExtractorVersion;

    private static async Task<TableEntity?> GetEntityAsync(TableClient table, string partition, string rawPageName, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.RowFor(rawPageName), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static async Task DeleteAsync(TableClient table, string partition, string rawPageName, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            // A row already gone answers 404, which DeleteEntity does not throw for.
            await table.DeleteEntityAsync(partition, TableKeys.RowFor(rawPageName), ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Rewritten by a newer parse since: it is that parse's row now, and it stays.
        }
    }
}
