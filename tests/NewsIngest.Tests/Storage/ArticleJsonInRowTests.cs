using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Storage;

/// <summary>
/// The article JSON lives in its Articles row when it fits and in a blob the row names when it does not; the row decides,
/// and a change across the limit moves the JSON without leaving a stale blob behind (docs/storage.md).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class ArticleJsonInRowTests(AzuriteFixture azurite) : ArticleStoreTestBase(azurite)
{
    /// <summary>A body whose JSON is longer than a row may hold.</summary>
    private const int LongBody = 150_000;

    [Fact]
    public async Task An_article_up_to_the_row_limit_keeps_its_json_byte_for_byte_in_its_row_and_writes_no_json_blob()
    {
        var name = $"row.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Dans la ligne", "Un article de taille ordinaire."), CancellationToken.None);
        var page = await Read(name);
        // Near the limit, and not ASCII: every property used, every character escaped in the request.
        var article = new Article { Title = "Dans la ligne", Body = Body(120_000).Replace('v', 'é'), Published = new DateTimeOffset(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(1)) };

        Assert.Equal(ArticleWrite.Written, await Articles.SaveAsync(page, article, CancellationToken.None));

        var row = await Entity(name);
        Assert.Equal(StoredArticleJson.Serialize(article), ArticleJsonProperties.Read(row));
        Assert.True(row.ContainsKey(ArticleJsonProperties.All[^1]));
        Assert.Null(row.GetString(nameof(ArticleRow.ArticleBlob)));
        Assert.Equal(StoredArticleJson.Serialize(article), await Articles.GetJsonAsync(name, CancellationToken.None));
        Assert.False(await BlobExists(name));
        Assert.Null(ArticleJsonProperties.Read(Assert.Single(await RowsNamed(Storage.ArticlesByDayTable, name))));
    }

    [Fact]
    public async Task An_article_too_long_for_its_row_keeps_its_json_in_the_blob_its_row_names()
    {
        var name = $"blob.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Trop long", "Texte."), CancellationToken.None);
        var article = new Article { Title = "Trop long", Body = Body(LongBody) };

        await Articles.SaveAsync(await Read(name), article, CancellationToken.None);

        var row = await Entity(name);
        Assert.Null(ArticleJsonProperties.Read(row));
        Assert.Equal(RawPageNames.ArticleBlobFor(name), row.GetString(nameof(ArticleRow.ArticleBlob)));
        Assert.Equal(StoredArticleJson.Serialize(article), await Articles.GetJsonAsync(name, CancellationToken.None));
        Assert.True(await BlobExists(name));
    }

    [Fact]
    public async Task A_long_article_that_shrinks_moves_its_json_into_the_row_and_its_blob_is_deleted()
    {
        var name = $"shrink.example/{Guid.NewGuid():N}.html";
        await Version(name, "Longue", LongBody);
        Assert.True(await BlobExists(name));

        var shorter = await Version(name, "Courte", 5_000);

        var row = await Entity(name);
        Assert.Equal(StoredArticleJson.Serialize(shorter), ArticleJsonProperties.Read(row));
        Assert.Null(row.GetString(nameof(ArticleRow.ArticleBlob)));
        Assert.False(await BlobExists(name));
        Assert.Equal("Courte", (await Articles.GetAsync(name, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task An_article_that_grows_past_the_limit_moves_its_json_to_a_blob_and_leaves_none_in_the_row()
    {
        var name = $"grow.example/{Guid.NewGuid():N}.html";
        await Version(name, "Courte", 5_000);

        var longer = await Version(name, "Longue", LongBody);

        var row = await Entity(name);
        Assert.Null(ArticleJsonProperties.Read(row));
        Assert.All(ArticleJsonProperties.All, property => Assert.False(row.ContainsKey(property)));
        Assert.Equal(StoredArticleJson.Serialize(longer), await Articles.GetJsonAsync(name, CancellationToken.None));
        Assert.True(await BlobExists(name));
    }

    [Fact]
    public async Task A_superseded_parse_of_a_long_version_leaves_no_json_blob_behind()
    {
        var name = $"superseded.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Ancienne", "Texte."), CancellationToken.None);
        var old = await Read(name);
        await Version(name, "Nouvelle", 5_000);

        var write = await Articles.SaveAsync(old, new Article { Title = "Ancienne", Body = Body(LongBody) }, CancellationToken.None);

        Assert.Equal(ArticleWrite.Superseded, write);
        Assert.False(await BlobExists(name));
        Assert.Equal("Nouvelle", (await Articles.GetAsync(name, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Versions_alternating_across_the_limit_parsed_concurrently_end_with_the_last_one_and_no_stray_blob()
    {
        var name = $"alternating.example/{Guid.NewGuid():N}.html";
        var parses = new List<Task<ParseOutcome>>();
        for (var version = 1; version <= 6; version++)
        {
            var body = version % 2 == 0 ? Body(LongBody, version) : $"Texte {version}.";
            await RawPages.DropAsync(name, TestPages.Article($"Version {version}", body), CancellationToken.None);
            parses.Add(Task.Run(() => Process(name)));
            parses.Add(Task.Run(() => Process(name)));
        }

        await Task.WhenAll(parses);
        await Process(name);

        var row = ArticleRow.FromEntity(Assert.Single(await RowsNamed(Storage.ArticlesTable, name)));
        Assert.Equal("Version 6", row.Title);
        Assert.Equal(RawPageNames.ArticleBlobFor(name), row.ArticleBlob);
        Assert.Equal("Version 6", (await Articles.GetAsync(name, CancellationToken.None))!.Title);
        Assert.Single(await RowsNamed(Storage.ArticlesByDayTable, name));
    }

    [Fact]
    public async Task A_row_written_before_the_json_moved_into_rows_is_read_from_its_blob_until_a_reparse_moves_the_json_into_the_row()
    {
        var host = $"legacy{Guid.NewGuid():N}.example";
        var name = $"{host}/page.html";
        var article = await Version(name, "Ancien format", 3_000);
        var json = StoredArticleJson.Serialize(article);
        // Rewrite it as rows were written before: no JSON in the row, the blob named in ArticleBlob holds it; and an older
        // extractor version, so a reparse redoes it.
        var row = await Entity(name);
        foreach (var property in ArticleJsonProperties.All)
        {
            row.Remove(property);
        }

        row[nameof(ArticleRow.ArticleBlob)] = RawPageNames.ArticleBlobFor(name);
        row[nameof(ArticleRow.ExtractorVersion)] = "0-legacy";
        await Storage.ArticlesTable.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        await Storage.Articles.GetBlobClient(RawPageNames.ArticleBlobFor(name)).UploadAsync(BinaryData.FromString(json));

        Assert.Equal(json, await Articles.GetJsonAsync(name, CancellationToken.None));
        Assert.Equal(json, await Articles.GetJsonAsync((await Articles.GetRowAsync(name, CancellationToken.None))!, CancellationToken.None));

        var reparse = await Services.GetRequiredService<PageReparser>().RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);

        Assert.Equal(1, reparse.Parsed);
        var reparsed = await Entity(name);
        Assert.Equal(await Articles.GetJsonAsync(name, CancellationToken.None), ArticleJsonProperties.Read(reparsed));
        Assert.Null(reparsed.GetString(nameof(ArticleRow.ArticleBlob)));
        Assert.False(await BlobExists(name));
    }

    /// <summary>Writes a new version of the page holding an article of <paramref name="bodyLength"/> characters, and stores it.</summary>
    private async Task<Article> Version(string name, string title, int bodyLength)
    {
        await RawPages.DropAsync(name, TestPages.Article(title, "Texte."), CancellationToken.None);
        var article = new Article { Title = title, Body = Body(bodyLength) };
        Assert.Equal(ArticleWrite.Written, await Articles.SaveAsync(await Read(name), article, CancellationToken.None));
        return article;
    }

    private async Task<TableEntity> Entity(string name) =>
        (await Storage.ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(name), TableKeys.RowFor(name))).Value;

    private async Task<bool> BlobExists(string name) =>
        (await Storage.Articles.GetBlobClient(RawPageNames.ArticleBlobFor(name)).ExistsAsync()).Value;

    /// <summary>Distinct paragraphs (the extractor drops repeated ones) of about <paramref name="length"/> characters in all.</summary>
    private static string Body(int length, int seed = 0) =>
        string.Join("\n\n", Enumerable.Range(0, (length / 1000) + 1).Select(i => string.Concat(Enumerable.Repeat($"v{seed}p{i:D4} ", 130))[..998]))[..length];
}
