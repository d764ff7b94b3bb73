using Azure.Data.Tables;
using NewsIngest.Core.Storage;

namespace NewsIngest.Tests.Reliability;

/// <summary>A census of what storage holds per raw page, to prove every page is accounted for exactly once.</summary>
public sealed record StoredPages(
    IReadOnlyList<string> RawPages,
    IReadOnlyList<string> ArticleBlobs,
    IReadOnlyList<string> ArticleRows,
    IReadOnlyList<string> BlobsNamedByRows,
    IReadOnlyList<string> DayRows,
    IReadOnlyList<string> Rejections)
{
    public static async Task<StoredPages> TakeAsync(StorageClients storage)
    {
        return new StoredPages(
            await BlobsAsync(storage.RawPages),
            await BlobsAsync(storage.Articles),
            await RowsAsync(storage.ArticlesTable),
            await NamedBlobsAsync(storage.ArticlesTable),
            await RowsAsync(storage.ArticlesByDayTable),
            await RowsAsync(storage.RejectionsTable));

        static async Task<IReadOnlyList<string>> BlobsAsync(Azure.Storage.Blobs.BlobContainerClient container)
        {
            var names = new List<string>();
            await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, null, CancellationToken.None))
            {
                names.Add(blob.Name);
            }

            return names;
        }

        // The blobs the Articles rows name: only articles too long for their row have one (docs/storage.md).
        static async Task<IReadOnlyList<string>> NamedBlobsAsync(TableClient table)
        {
            var names = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey", "ArticleBlob", ArticleJsonProperties.First]))
            {
                if (row.GetString(ArticleJsonProperties.First) is null && row.GetString("ArticleBlob") is { } blob)
                {
                    names.Add(blob);
                }
            }

            return names;
        }

        static async Task<IReadOnlyList<string>> RowsAsync(TableClient table)
        {
            var names = new List<string>();
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"]))
            {
                names.Add(TableKeys.Decode(row.RowKey));
            }

            return names;
        }
    }

    /// <summary>
    /// Each raw page has exactly one article (row holding its JSON or naming its JSON blob, day row) or exactly one rejection,
    /// never both, never none; and no JSON blob is left that no row names.
    /// </summary>
    public void AssertEachPageExactlyOnce(int expectedArticles, int expectedRejections)
    {
        Assert.Equal(expectedArticles + expectedRejections, RawPages.Count);
        Assert.Equal(expectedArticles, ArticleRows.Count);
        Assert.Equal(expectedArticles, DayRows.Count);
        Assert.Equal(expectedRejections, Rejections.Count);
        Assert.Equal(RawPages.Order(StringComparer.Ordinal), ArticleRows.Concat(Rejections).Order(StringComparer.Ordinal));
        Assert.Equal(ArticleRows.Order(StringComparer.Ordinal), DayRows.Order(StringComparer.Ordinal));
        Assert.Equal(BlobsNamedByRows.Order(StringComparer.Ordinal), ArticleBlobs.Order(StringComparer.Ordinal));
    }
}
