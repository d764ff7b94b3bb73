using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Storage;

/// <summary>The storage model: bounded rows, full JSON, keys, idempotent and version-safe writes.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ArticleStoreTests(AzuriteFixture azurite) : ArticleStoreTestBase(azurite)
{
    [Fact]
    public async Task A_200000_character_article_keeps_its_whole_body_in_the_json_blob_and_a_bounded_excerpt_in_the_row()
    {
        // 99 distinct paragraphs of 1,998 characters and one of 2,000, joined by blank lines: 200,000 characters.
        // Distinct, because the extractor rightly drops a paragraph that repeats an earlier one.
        var body = string.Join("\n\n", Enumerable.Range(0, 99).Select(i => Paragraph(i, 1998)).Append(Paragraph(99, 2000)));
        Assert.Equal(200_000, body.Length);
        var name = $"long.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Un très long article", body), CancellationToken.None);

        var outcome = await Process(name);

        Assert.Equal(ParseOutcome.Parsed, outcome);
        var stored = await Articles.GetAsync(name, CancellationToken.None);
        Assert.Equal(body, stored!.Body);
        var entity = (await Storage.ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(name), TableKeys.RowFor(name))).Value;
        Assert.Equal(ArticleEntities.ExcerptLength, entity.GetString(nameof(ArticleRow.BodyExcerpt))!.Length);
        Assert.Equal(200_000, entity.GetInt32(nameof(ArticleRow.BodyLength)));
        Assert.Equal(RawPageNames.ArticleBlobFor(name), entity.GetString(nameof(ArticleRow.ArticleBlob)));
        Assert.All(entity.Select(p => p.Value).OfType<string>(), value => Assert.True(value.Length <= 32 * 1024));
    }

    [Fact]
    public async Task Blob_names_with_characters_forbidden_in_keys_get_a_row_found_again_by_name()
    {
        var name = $"keys.example/a#b?c\\d %e-{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Clés", "Des caractères interdits dans les clés."), CancellationToken.None);

        Assert.Equal(ParseOutcome.Parsed, await Process(name));

        var row = await Articles.GetRowAsync(name, CancellationToken.None);
        Assert.Equal(name, row!.RawPageBlob);
        Assert.Equal("Clés", row.Title);
    }

    [Fact]
    public async Task Parsing_the_same_blob_twice_leaves_the_row_and_the_json_exactly_as_they_were()
    {
        var name = $"twice.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Deux fois", "Le même texte."), CancellationToken.None);
        await Process(name);
        var firstRow = (await Storage.ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(name), TableKeys.RowFor(name))).Value;
        var firstJson = await Articles.GetJsonAsync(name, CancellationToken.None);

        Assert.Equal(ParseOutcome.Parsed, await Process(name));

        var secondRow = (await Storage.ArticlesTable.GetEntityAsync<TableEntity>(TableKeys.PartitionFor(name), TableKeys.RowFor(name))).Value;
        Assert.Equal(firstRow.ETag, secondRow.ETag);
        Assert.Equal(firstJson, await Articles.GetJsonAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task A_changed_blob_is_parsed_again_and_its_row_and_json_updated()
    {
        var name = $"changed.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Première version", "Texte un."), CancellationToken.None);
        await Process(name);

        await RawPages.DropAsync(name, TestPages.Article("Version corrigée", "Texte deux."), CancellationToken.None);
        await Process(name);

        var row = await Articles.GetRowAsync(name, CancellationToken.None);
        Assert.Equal("Version corrigée", row!.Title);
        Assert.True(ETags.Same(await RawPages.CurrentETagAsync(name, CancellationToken.None), row.RawETag));
        Assert.Equal("Texte deux.", (await Articles.GetAsync(name, CancellationToken.None))!.Body);
    }

    [Fact]
    public async Task Concurrent_triggers_on_one_blob_leave_one_row_matching_the_json_and_the_blob()
    {
        var name = $"race.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Course", "Seize déclenchements à la fois."), CancellationToken.None);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => Process(name))));

        Assert.All(outcomes, outcome => Assert.Equal(ParseOutcome.Parsed, outcome));
        var rows = await RowsNamed(Storage.ArticlesTable, name);
        var row = ArticleRow.FromEntity(Assert.Single(rows));
        Assert.True(ETags.Same(await RawPages.CurrentETagAsync(name, CancellationToken.None), row.RawETag));
        Assert.Single(await RowsNamed(Storage.ArticlesByDayTable, name));
        Assert.Equal("Course", (await Articles.GetAsync(name, CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Versions_parsed_concurrently_always_end_with_the_article_of_the_last_version()
    {
        var name = $"versions.example/{Guid.NewGuid():N}.html";
        var parses = new List<Task<ParseOutcome>>();
        for (var version = 1; version <= 6; version++)
        {
            await RawPages.DropAsync(name, TestPages.Article($"Version {version}", $"Texte {version}."), CancellationToken.None);
            parses.Add(Task.Run(() => Process(name)));
            parses.Add(Task.Run(() => Process(name)));
        }

        await Task.WhenAll(parses);
        await Process(name);

        var row = ArticleRow.FromEntity(Assert.Single(await RowsNamed(Storage.ArticlesTable, name)));
        Assert.Equal("Version 6", row.Title);
        Assert.Equal("Texte 6.", (await Articles.GetAsync(name, CancellationToken.None))!.Body);
        Assert.Equal("Version 6", ArticleRow.FromEntity(Assert.Single(await RowsNamed(Storage.ArticlesByDayTable, name))).Title);
    }

    [Fact]
    public async Task A_parse_of_an_older_version_never_overwrites_the_article_of_the_newer_one()
    {
        var name = $"stale.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Ancienne", "Vieux texte."), CancellationToken.None);
        var old = await Read(name);
        await RawPages.DropAsync(name, TestPages.Article("Nouvelle", "Texte neuf."), CancellationToken.None);
        await Process(name);

        var write = await Articles.SaveAsync(old, new Article { Title = "Ancienne", Body = "Vieux texte.", Published = new DateTimeOffset(2020, 1, 2, 8, 0, 0, TimeSpan.Zero) }, CancellationToken.None);

        Assert.Equal(ArticleWrite.Superseded, write);
        Assert.Equal("Nouvelle", (await Articles.GetRowAsync(name, CancellationToken.None))!.Title);
        Assert.Equal("Texte neuf.", (await Articles.GetAsync(name, CancellationToken.None))!.Body);
        Assert.Single(await RowsNamed(Storage.ArticlesByDayTable, name));
    }

    [Fact]
    public async Task An_article_whose_date_changes_moves_to_its_new_day_in_the_day_index()
    {
        var name = $"days.example/{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(name, TestPages.Article("Daté", "Texte."), CancellationToken.None);
        await Articles.SaveAsync(await Read(name), new Article { Title = "Daté", Body = "Texte.", Published = new DateTimeOffset(2024, 3, 5, 23, 30, 0, TimeSpan.FromHours(1)) }, CancellationToken.None);
        await RawPages.DropAsync(name, TestPages.Article("Daté", "Texte corrigé."), CancellationToken.None);

        await Articles.SaveAsync(await Read(name), new Article { Title = "Daté", Body = "Texte corrigé.", Published = new DateTimeOffset(2024, 3, 7, 9, 0, 0, TimeSpan.FromHours(1)) }, CancellationToken.None);

        var day = Assert.Single(await RowsNamed(Storage.ArticlesByDayTable, name));
        Assert.Equal("2024-03-07", day.PartitionKey);
        Assert.Equal("2024-03-07", (await Articles.GetRowAsync(name, CancellationToken.None))!.Day);
    }

    [Fact]
    public async Task Articles_are_listed_by_site_from_the_site_partition_and_by_day_from_the_day_index()
    {
        var site = $"s{Guid.NewGuid():N}.example";
        var fetched = $"{site}/{Guid.NewGuid():N}.html";
        var dropped = $"loose-{Guid.NewGuid():N}.html";
        await RawPages.DropAsync(fetched, TestPages.Article("Récupérée", "Texte."), CancellationToken.None);
        await RawPages.DropAsync(dropped, TestPages.Article("Déposée", "Texte.", $"https://{site}/deposee.html"), CancellationToken.None);
        var published = new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));
        await Articles.SaveAsync(await Read(fetched), new Article { Title = "Récupérée", Body = "Texte.", Url = $"https://{site}/recuperee.html", Published = published }, CancellationToken.None);
        await Articles.SaveAsync(await Read(dropped), new Article { Title = "Déposée", Body = "Texte.", Url = $"https://{site}/deposee.html", Published = published.AddDays(1) }, CancellationToken.None);

        var bySite = await ToListAsync(Articles.ListBySiteAsync(site, since: null, CancellationToken.None));
        var bySiteSince = await ToListAsync(Articles.ListBySiteAsync(site, new DateOnly(2031, 6, 2), CancellationToken.None));
        var sinceDay = await ToListAsync(Articles.ListSinceAsync(new DateOnly(2031, 6, 2), CancellationToken.None));

        Assert.Equal(["Déposée", "Récupérée"], bySite.Select(r => r.Title).Order(StringComparer.Ordinal));
        Assert.Equal(["Déposée"], bySiteSince.Select(r => r.Title));
        Assert.Contains(sinceDay, r => r.RawPageBlob == dropped);
        Assert.DoesNotContain(sinceDay, r => r.RawPageBlob == fetched);
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    private static string Paragraph(int index, int length)
    {
        var text = string.Concat(Enumerable.Repeat($"mot{index:D3} ", (length / 7) + 1))[..length];
        return text[^1] == ' ' ? text[..^1] + "x" : text;
    }
}
