using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using NewsIngest.Core.Articles;

namespace NewsIngest.Core.Storage;

/// <summary>
/// Stores each article twice: the whole JSON in the <c>articles</c> container and a bounded, queryable row in the
/// <c>Articles</c> table. Both writes are upserts keyed by the raw page's name, so parsing a page again is idempotent.
/// </summary>
public sealed class ArticleStore(StorageClients storage)
{
    /// <summary>A table string property holds at most 32K UTF-16 characters; the excerpt stays far below so a row never fails.</summary>
    public const int ExcerptLength = 1000;

    public async Task SaveAsync(string rawPageName, Article article, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blobName = RawPageNames.ArticleBlobFor(rawPageName);
        var json = Encoding.UTF8.GetBytes(ArticleJson.Serialize(article, indented: true));
        await storage.Articles.GetBlobClient(blobName).UploadAsync(
            BinaryData.FromBytes(json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken).ConfigureAwait(false);
        await storage.ArticlesTable.UpsertEntityAsync(ToEntity(rawPageName, blobName, article), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored JSON of a page's article, or null when the page has not been parsed.</summary>
    public async Task<Article?> GetAsync(string rawPageName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Articles.GetBlobClient(RawPageNames.ArticleBlobFor(rawPageName)).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return ArticleJson.Deserialize(response.Value.Content.ToString());
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every article row, optionally of one site (table partition); newest first is left to the caller.</summary>
    public async IAsyncEnumerable<ArticleRow> ListAsync(string? site, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var query = site is null
            ? storage.ArticlesTable.QueryAsync<TableEntity>(cancellationToken: cancellationToken)
            : storage.ArticlesTable.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Encode(site)}"), cancellationToken: cancellationToken);
        await foreach (var entity in query.ConfigureAwait(false))
        {
            yield return ArticleRow.FromEntity(entity);
        }
    }

    private static TableEntity ToEntity(string rawPageName, string articleBlob, Article article)
    {
        var body = article.Body ?? string.Empty;
        return new TableEntity(TableKeys.PartitionFor(rawPageName), TableKeys.RowFor(rawPageName))
        {
            [nameof(ArticleRow.Title)] = Bounded(article.Title),
            [nameof(ArticleRow.Section)] = Bounded(article.Section),
            [nameof(ArticleRow.Source)] = Bounded(article.Source),
            [nameof(ArticleRow.Published)] = article.Published,
            [nameof(ArticleRow.Modified)] = article.Modified,
            [nameof(ArticleRow.Language)] = article.Language,
            [nameof(ArticleRow.Url)] = Bounded(article.Url),
            [nameof(ArticleRow.Site)] = SiteOf(article.Url),
            [nameof(ArticleRow.SiteName)] = Bounded(article.SiteName),
            [nameof(ArticleRow.Authors)] = article.Authors is { Count: > 0 } authors ? Bounded(string.Join("; ", authors)) : null,
            [nameof(ArticleRow.BodyExcerpt)] = body.Length <= ExcerptLength ? body : body[..ExcerptLength],
            [nameof(ArticleRow.BodyLength)] = body.Length,
            [nameof(ArticleRow.ArticleBlob)] = articleBlob,
            [nameof(ArticleRow.RawPageBlob)] = rawPageName,
            [nameof(ArticleRow.ParsedAt)] = DateTimeOffset.UtcNow,
        };
    }

    private static string? SiteOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    private static string? Bounded(string? value) =>
        value is { Length: > ExcerptLength * 4 } ? value[..(ExcerptLength * 4)] : value;
}
