using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
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

    [Fact]
    public async Task Reparse_stores_pages_dropped_under_1000_and_1024_character_names_with_their_rows()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var host = await DropSiteAsync(services, good: 1, bad: 0);
        // Many short folders: each "/" becomes "%2F" in the table key, the case that made keys overflow.
        var longName = LongName(host, 1000);
        var longestName = LongName(host, RawPageNames.MaxBlobNameLength);
        var raw = services.GetRequiredService<RawPageStore>();
        await raw.DropAsync(longName, TestPages.Article("Nom long", "Texte au nom long."), CancellationToken.None);
        await raw.DropAsync(longestName, TestPages.Article("Nom le plus long", "Texte au nom le plus long."), CancellationToken.None);

        var summary = await services.GetRequiredService<PageReparser>().RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);

        Assert.Equal(new ReparseSummary(3, 0, 0), summary);
        var store = services.GetRequiredService<ArticleStore>();
        Assert.Equal("Nom long", (await store.GetRowAsync(longName, CancellationToken.None))?.Title);
        Assert.Equal("Nom le plus long", (await store.GetRowAsync(longestName, CancellationToken.None))?.Title);
        Assert.Equal("Nom le plus long", (await store.GetAsync(longestName, CancellationToken.None))?.Title);
        var listed = await ToListAsync(store.ListBySiteAsync(host, null, CancellationToken.None));
        Assert.Contains(listed, row => row.RawPageBlob == longestName);
        Assert.Equal(new ReparseSummary(0, 0, 3), await services.GetRequiredService<PageReparser>().RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_page_whose_write_storage_refuses_is_counted_failed_and_recorded_while_the_others_are_stored_and_the_next_run_stores_it()
    {
#pragma warning disable CA2000 // Owned by the storage clients' transport below.
        // The article's first write is its ArticlesByDay row (its JSON goes into the Articles row after it): refuse that insert.
        var refused = new RefusingHandler(request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/ArticlesByDay", StringComparison.Ordinal)
            && request.Content!.ReadAsStringAsync().GetAwaiter().GetResult().Contains("page-1.html", StringComparison.Ordinal));
#pragma warning restore CA2000
#pragma warning disable CA2000 // The transport owns the handler chain for the life of the test's clients.
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString, options => options.Transport = new HttpClientTransport(new HttpClient(refused)));
#pragma warning restore CA2000
        await using var services = TestServices.Create(azurite.ConnectionString, configure: s => s.AddSingleton(account));
        var host = await DropSiteAsync(services, good: 4, bad: 1);
        var reparser = services.GetRequiredService<PageReparser>();

        var first = await reparser.RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);

        Assert.Equal(new ReparseSummary(3, 1, 0, Failed: 1), first);
        Assert.Equal("""{"parsed":3,"rejected":1,"unchanged":0,"failed":1}""", JsonSerializer.Serialize(first));
        var rejection = Assert.Single(await ToListAsync(services.GetRequiredService<RejectionStore>().ListAsync(CancellationToken.None)), r => r.Blob == $"{host}/page-1.html");
        Assert.Equal(RejectionStatus.StorageFailed, rejection.Status);
        Assert.Contains("400", rejection.Reason, StringComparison.Ordinal);

        refused.Enabled = false;
        var next = await reparser.RunAsync(new ReparseFilter(Host: host), null, CancellationToken.None);

        Assert.Equal(new ReparseSummary(1, 0, 4), next);
        Assert.NotNull(await services.GetRequiredService<ArticleStore>().GetRowAsync($"{host}/page-1.html", CancellationToken.None));
        Assert.DoesNotContain(await ToListAsync(services.GetRequiredService<RejectionStore>().ListAsync(CancellationToken.None)), r => r.Blob == $"{host}/page-1.html");
    }

    /// <summary>A name of exactly <paramref name="length"/> characters under the host's folder, made of many short folders.</summary>
    private static string LongName(string host, int length)
    {
        var prefix = host + "/";
        const string file = "page.html";
        var middle = length - prefix.Length - file.Length;
        return prefix + string.Concat(Enumerable.Repeat("ab/", middle / 3)) + new string('c', middle % 3) + file;
    }

    /// <summary>Answers 400 to the requests it is told to, as the service does for a request it refuses; passes the others.</summary>
    private sealed class RefusingHandler(Func<HttpRequestMessage, bool> refuse) : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool Enabled { get; set; } = true;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Enabled || !refuse(request))
            {
                return base.SendAsync(request, cancellationToken);
            }

            var response = new HttpResponseMessage(HttpStatusCode.BadRequest) { RequestMessage = request, Content = new StringContent(string.Empty) };
            response.Headers.Add("x-ms-error-code", "InvalidInput");
            return Task.FromResult(response);
        }
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

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
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
