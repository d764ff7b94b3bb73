using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// The ceiling the pipeline is measured against: per page, only the writes that must happen whatever the design — the raw
/// page blob, the article JSON blob, the Articles row and its ArticlesByDay index row — in a bare parallel loop with the
/// pipeline's concurrency: the same blob writes and table upserts the pipeline makes, and nothing else.
/// </summary>
internal static class StorageCeiling
{
    public static async Task<TimeSpan> RunAsync(StorageClients storage, int pages, int concurrency, string runId, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, pages), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var name = $"bench-ceiling-{runId}/{i}.html";
            var page = BenchSite.Page(i);
            await storage.RawPages.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(page), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html" } }, ct).ConfigureAwait(false);
            // An article JSON of the size the extractor writes: the page's text without markup.
            var json = JsonSerializer.SerializeToUtf8Bytes(new { title = $"Article {i}", body = Encoding.UTF8.GetString(page, 0, page.Length * 3 / 4) });
            await storage.Articles.GetBlobClient(name + ".json").UploadAsync(BinaryData.FromBytes(json), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, ct).ConfigureAwait(false);
            var row = new TableEntity(TableKeys.PartitionFor(name), TableKeys.RowFor(name))
            {
                ["Title"] = $"Article {i}",
                ["Url"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1/article/{i}.html"),
                ["BodyExcerpt"] = new string('x', 1000),
                ["ParsedAt"] = DateTimeOffset.UtcNow,
            };
            await storage.ArticlesTable.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            var dayRow = new TableEntity(TableKeys.DayPartition(DateTimeOffset.UtcNow), TableKeys.RowFor(name))
            {
                ["Title"] = row["Title"],
                ["Url"] = row["Url"],
                ["ParsedAt"] = row["ParsedAt"],
            };
            await storage.ArticlesByDayTable.UpsertEntityAsync(dayRow, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return stopwatch.Elapsed;
    }
}
