using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Stores each article as a row in <c>Articles</c> holding its JSON (or, for the rare article too long for a row, naming the
/// JSON blob in <c>articles</c>) and a row in <c>ArticlesByDay</c>, all keyed by the raw page's name, so parsing a page again
/// rewrites the same places (docs/storage.md).
/// </summary>
/// <remarks>
/// Writes are idempotent and safe under concurrent triggers: each write is conditional on the ETag of what it read
/// (optimistic concurrency), and commits only while the raw blob still has the version that was parsed. A parse of
/// an older version therefore never overwrites the article of a newer one. The <c>Articles</c> row is written last:
/// it is the commit record that says the day index (and the JSON blob, when there is one) is complete for that raw
/// version. The row is also the one source of truth for the JSON: when it holds the JSON, any blob of that name is stale;
/// when it names a blob, the blob holds it. A blob no committed row names is deleted by the parse that leaves it behind.
/// </remarks>
public sealed class ArticleStore(StorageClients storage, RawPageStore rawPages)
{
    private const string RawETagKey = "rawetag";
    private const string ExtractorVersionKey = "extractorversion";

    private static readonly string[] JsonSource = [.. ArticleJsonProperties.All, nameof(ArticleRow.ArticleBlob)];

    /// <summary>Enough to tell where the JSON is without reading it: the first JSON property's presence and the blob name.</summary>
    private static readonly string[] JsonPlace = [ArticleJsonProperties.First, nameof(ArticleRow.ArticleBlob)];

    private static readonly string[] VersionOnly = [nameof(ArticleRow.RawETag), nameof(ArticleRow.ExtractorVersion)];

    public Task<ArticleWrite> SaveAsync(RawPage page, Article article, CancellationToken cancellationToken) =>
        SaveAsync(page, article, likelyNew: false, cancellationToken);

    /// <param name="page">The raw page version the article was extracted from.</param>
    /// <param name="article">The article.</param>
    /// <param name="likelyNew">
    /// No article of this page is expected (the caller just created the raw blob, or a trigger reports a new one): try the
    /// create-only writes first, with no read before them; any conflict falls back to reading and deciding.
    /// </param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<ArticleWrite> SaveAsync(RawPage page, Article article, bool likelyNew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(article);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var json = ArticleJsonPlacement.For(page, StoredArticleJson.Serialize(article));
        var day = ArticleEntities.DayOf(page, article);
        var parsedAt = DateTimeOffset.UtcNow;
        var row = ArticleEntities.Row(page, article, json, day, parsedAt);
        var dayRow = ArticleEntities.DayRow(page, article, json, day, parsedAt);
        if (likelyNew && await TryWriteFirstAsync(page, json, row, dayRow, cancellationToken).ConfigureAwait(false))
        {
            return ArticleWrite.Written;
        }

        var existing = await GetEntityAsync(storage.ArticlesTable, TableKeys.PartitionFor(page.Name), page.Name, cancellationToken).ConfigureAwait(false);
        if (IsSameVersion(existing, page.ETag))
        {
            return ArticleWrite.Unchanged;
        }

        if (existing is null && !likelyNew && await TryWriteFirstAsync(page, json, row, dayRow, cancellationToken).ConfigureAwait(false))
        {
            return ArticleWrite.Written;
        }

        ETag? jsonBlobETag = null;
        if (json.Blob is { } articleBlob)
        {
            jsonBlobETag = await WriteJsonAsync(page, articleBlob, json.Json, cancellationToken).ConfigureAwait(false);
            if (jsonBlobETag is null)
            {
                return ArticleWrite.Superseded;
            }
        }

        var dayRowETag = await WriteDayRowAsync(page, dayRow, cancellationToken).ConfigureAwait(false);
        var write = dayRowETag is null
            ? ArticleWrite.Superseded
            : await CommitRowAsync(page, row, dayRowETag.Value, cancellationToken).ConfigureAwait(false);
        if (write == ArticleWrite.Superseded && json.Blob is not null)
        {
            await DeleteUnnamedBlobAsync(page.Name, json.Blob, jsonBlobETag!.Value, cancellationToken).ConfigureAwait(false);
        }

        return write;
    }

    /// <summary>The stored JSON of a page's article, or null when the page has not been parsed.</summary>
    public async Task<Article?> GetAsync(string rawPageName, CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync(rawPageName, cancellationToken).ConfigureAwait(false);
        return json is null ? null : ArticleJson.Deserialize(json);
    }

    /// <summary>
    /// The stored JSON text of a page's article exactly as written, or null when the page has not been parsed: from its
    /// <c>Articles</c> row, or from the blob the row names.
    /// </summary>
    public async Task<string?> GetJsonAsync(string rawPageName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await storage.ArticlesTable.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName), JsonSource, cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return ArticleJsonProperties.Read(entity)
            ?? await DownloadJsonAsync(entity.GetString(nameof(ArticleRow.ArticleBlob)) ?? RawPageNames.ArticleBlobFor(rawPageName), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The JSON of a listed row: the row's own when it holds it (no request), else as <see cref="GetJsonAsync(string, CancellationToken)"/>.</summary>
    public Task<string?> GetJsonAsync(ArticleRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Json is { } json ? Task.FromResult<string?>(json) : GetJsonAsync(row.RawPageBlob, cancellationToken);
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
        var response = await storage.ArticlesTable.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName), VersionOnly, cancellationToken).ConfigureAwait(false);
        return IsSameVersion(response.HasValue ? response.Value : null, rawETag);
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
    /// The common case, a page parsed for the first time: two create-only inserts (three with a JSON blob) and no reads. Any
    /// conflict means another parse got there first; the careful path (read, compare versions, conditional write) then decides,
    /// and finds this attempt's own writes already in place. A version superseded while this runs is corrected by the newer
    /// version's own trigger, which finds this row and overwrites it under its ETag.
    /// </summary>
    private async Task<bool> TryWriteFirstAsync(RawPage page, ArticleJsonPlacement json, TableEntity row, TableEntity dayRow, CancellationToken cancellationToken)
    {
        try
        {
            if (json.Blob is { } articleBlob)
            {
                await storage.Articles.GetBlobClient(articleBlob).UploadAsync(
                    BinaryData.FromBytes(Encoding.UTF8.GetBytes(json.Json)),
                    JsonUploadOptions(page, new BlobRequestConditions { IfNoneMatch = ETag.All }),
                    cancellationToken).ConfigureAwait(false);
            }

            await storage.ArticlesByDayTable.AddEntityAsync(dayRow, cancellationToken).ConfigureAwait(false);
            await storage.ArticlesTable.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<string?> DownloadJsonAsync(string articleBlob, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Articles.GetBlobClient(articleBlob).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static BlobUploadOptions JsonUploadOptions(RawPage page, BlobRequestConditions conditions) => new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
        Metadata = new Dictionary<string, string> { [RawETagKey] = page.ETag, [ExtractorVersionKey] = ArticleSchema.ExtractorVersion },
        Conditions = conditions,
    };

    /// <summary>Writes the JSON blob unless it already holds this raw version: the blob's ETag, or null when the raw blob has moved on.</summary>
    private async Task<ETag?> WriteJsonAsync(RawPage page, string articleBlob, string json, CancellationToken cancellationToken)
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
                return current.ETag;
            }

            // Checked after reading the blob's ETag: a newer version written since then makes the conditional upload fail.
            if (!ETags.Same(await rawPages.CurrentETagAsync(page.Name, cancellationToken).ConfigureAwait(false), page.ETag))
            {
                return null;
            }

            var options = JsonUploadOptions(page, current is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = current.ETag });
            try
            {
                return (await blob.UploadAsync(content, options, cancellationToken).ConfigureAwait(false)).Value.ETag;
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
    /// day row of the previous version when the article moved to another day, and the previous version's JSON blob when the
    /// JSON moved into the row.
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

            // Read before the commit: a newer version rewriting the blob after this read changes its ETag, and keeps it.
            var leftBlob = await BlobLeftBehindAsync(existing, row, cancellationToken).ConfigureAwait(false);
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

            if (leftBlob is { } blob)
            {
                await DeleteBlobAsync(blob.Name, blob.ETag, cancellationToken).ConfigureAwait(false);
            }

            return ArticleWrite.Written;
        }
    }

    /// <summary>The JSON blob the existing row names and the new row will not, with its current ETag; null when there is none.</summary>
    private async Task<(string Name, ETag ETag)?> BlobLeftBehindAsync(TableEntity? existing, TableEntity row, CancellationToken cancellationToken)
    {
        if (existing is null || ArticleJsonProperties.Read(existing) is not null
            || existing.GetString(nameof(ArticleRow.ArticleBlob)) is not { } named
            || named == row.GetString(nameof(ArticleRow.ArticleBlob)))
        {
            return null;
        }

        try
        {
            var properties = await storage.Articles.GetBlobClient(named).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return (named, properties.Value.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// After a superseded parse: deletes the JSON blob it wrote (or found) unless the committed row names it. A newer version
    /// that rewrote the blob since changed its ETag, so the conditional delete leaves that version's blob alone.
    /// </summary>
    private async Task DeleteUnnamedBlobAsync(string rawPageName, string articleBlob, ETag blobETag, CancellationToken cancellationToken)
    {
        var response = await storage.ArticlesTable.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName), JsonPlace, cancellationToken).ConfigureAwait(false);
        if (response.HasValue && response.Value!.GetString(ArticleJsonProperties.First) is null && response.Value.GetString(nameof(ArticleRow.ArticleBlob)) == articleBlob)
        {
            return;
        }

        await DeleteBlobAsync(articleBlob, blobETag, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeleteBlobAsync(string articleBlob, ETag ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Articles.GetBlobClient(articleBlob).DeleteAsync(conditions: new BlobRequestConditions { IfMatch = ifMatch }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or rewritten by a newer version since: that version's blob stays.
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
