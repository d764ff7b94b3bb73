using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>Reparse: every raw page through ParsePage's code, resumable, and the CLI contract around it.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PageReparserTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reparse_stores_each_page_once_and_a_second_run_finds_every_page_unchanged()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var host = await DropSiteAsync(services, good: 5, bad: 2);
        var reparser = services.GetRequiredService<PageReparser>();

        var first = await reparser.RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);
        var second = await reparser.RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);

        Assert.Equal(new ReparseSummary(5, 2, 0), first);
        Assert.Equal(new ReparseSummary(0, 0, 7), second);
        Assert.Equal(5, await CountAsync(services.GetRequiredService<ArticleStore>().ListBySiteAsync(host, null, CancellationToken.None)));
    }

    [Fact]
    public async Task Reparse_resumes_where_ParsePage_or_an_interrupted_run_stopped_and_reparses_changed_pages()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var host = await DropSiteAsync(services, good: 4, bad: 0);
        var storage = services.GetRequiredService<StorageClients>();
        var processor = services.GetRequiredService<PageProcessor>();
        await processor.ProcessAsync(storage.RawPages.GetBlobClient($"{host}/page-0.html"), CancellationToken.None);
        await processor.ProcessAsync(storage.RawPages.GetBlobClient($"{host}/page-1.html"), CancellationToken.None);
        await services.GetRequiredService<RawPageStore>().DropAsync($"{host}/page-1.html", TestPages.Article("Corrigée", "Nouveau texte."), CancellationToken.None);

        var summary = await services.GetRequiredService<PageReparser>().RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);

        Assert.Equal(new ReparseSummary(3, 0, 1), summary);
        Assert.Equal("Corrigée", (await services.GetRequiredService<ArticleStore>().GetRowAsync($"{host}/page-1.html", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Reparse_since_a_date_leaves_older_pages_alone()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var host = await DropSiteAsync(services, good: 2, bad: 0);

        var summary = await services.GetRequiredService<PageReparser>().RunAsync(new ReparseFilter(DateTimeOffset.UtcNow.AddHours(1), host), null, CancellationToken.None);

        Assert.Equal(new ReparseSummary(0, 0, 0), summary);
    }

    [Fact]
    public async Task The_reparse_command_prints_its_counts_as_the_last_line_and_rejections_and_articles_list_what_it_stored_as_json()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var host = await DropSiteAsync(services, good: 2, bad: 1);

        var reparse = await CliRunner.RunAsync("reparse", "--storage", azurite.ConnectionString, "--host", host);
        var rejections = await CliRunner.RunAsync("rejections", "--storage", azurite.ConnectionString, "--json");
        var articles = await CliRunner.RunAsync("articles", "--storage", azurite.ConnectionString, "--site", host, "--json");

        Assert.True(reparse.ExitCode == 0, reparse.Error);
        Assert.Equal("""{"parsed":2,"rejected":1,"unchanged":0}""", reparse.LastLine);
        var refused = rejections.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Single(r => r.GetProperty("blob").GetString() == $"{host}/bad-0.html");
        Assert.Equal("empty", refused.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("reason").GetString()));
        var listed = articles.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, a => Assert.Equal(Core.Articles.ArticleSchema.SchemaVersion, a.GetProperty("schemaVersion").GetInt32()));
        Assert.All(listed, a => Assert.StartsWith($"{host}/page-", a.GetProperty("blob").GetString(), StringComparison.Ordinal));
    }

    /// <summary>Drops good article pages and empty (bad) pages under a fresh host folder, as fetched pages are named.</summary>
    private static async Task<string> DropSiteAsync(ServiceProvider services, int good, int bad)
    {
        var host = $"r{Guid.NewGuid():N}.example";
        var raw = services.GetRequiredService<RawPageStore>();
        for (var i = 0; i < good; i++)
        {
            await raw.DropAsync($"{host}/page-{i}.html", TestPages.Article($"Article {i}", $"Texte de l'article {i}.", $"https://{host}/{i}.html"), CancellationToken.None);
        }

        for (var i = 0; i < bad; i++)
        {
            await raw.DropAsync($"{host}/bad-{i}.html", Encoding.UTF8.GetBytes("   "), CancellationToken.None);
        }

        return host;
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> items)
    {
        var count = 0;
        await foreach (var _ in items)
        {
            count++;
        }

        return count;
    }
}
