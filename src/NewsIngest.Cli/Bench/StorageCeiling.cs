using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Storage;

namespace NewsIngest.Cli.Bench;

/// <summary>
/// The ceiling the pipeline is measured against: per page, only the writes the pipeline must make for an article — the raw
/// page blob, the Articles row holding the article JSON, and its ArticlesByDay index row — in a bare parallel loop with the
/// pipeline's concurrency: the same blob write and table writes the pipeline makes for a news-sized article, and nothing else.
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
            // An article JSON of the size the extractor writes (the page's text without markup), held in the row as the pipeline holds it.
            var json = JsonSerializer.Serialize(new { title = $"Article {i}", body = Encoding.UTF8.GetString(page, 0, page.Length * 3 / 4) });
            var row = new TableEntity(TableKeys.PartitionFor(name), TableKeys.RowFor(name))
            {
                ["Title"] = $"Article {i}",
                ["Url"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1/article/{i}.html"),
                ["BodyExcerpt"] = new string('x', 1000),
                ["ParsedAt"] = DateTimeOffset.UtcNow,
            };
            ArticleJsonProperties.Write(row, ArticleJsonProperties.Split(json)!);
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
