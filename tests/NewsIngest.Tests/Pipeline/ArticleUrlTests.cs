using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>A stored article's url against pages that lie about theirs: fetched pages (sourceurl metadata) and drops, in Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ArticleUrlTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_fetched_page_whose_canonical_names_an_article_already_stored_on_another_site_keeps_its_own_url()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var victim = new Uri($"https://v{Guid.NewGuid():N}.example/monde/article-1");
        var attacker = new Uri($"https://a{Guid.NewGuid():N}.example/copie?utm_source=feed");
        var victimName = await StoreFetchedAsync(services, victim, TestPages.Article("Original", "Le texte original.", victim.AbsoluteUri));
        var attackerName = await StoreFetchedAsync(services, attacker, TestPages.Article("Copie", "Une copie qui se dit l'original.", victim.AbsoluteUri));

        var rows = services.GetRequiredService<ArticleStore>();
        Assert.Equal(victim.AbsoluteUri, (await rows.GetRowAsync(victimName, CancellationToken.None))?.Url);
        var attackerRow = await rows.GetRowAsync(attackerName, CancellationToken.None);
        Assert.Equal($"https://{attacker.Host}/copie", attackerRow?.Url);
        Assert.Equal(attacker.Host, attackerRow?.Site);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://elsewhere.example/a")]
    public async Task A_fetched_page_cannot_set_its_stored_url_to_a_script_or_another_host(string canonical)
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var fetched = new Uri($"https://f{Guid.NewGuid():N}.example/a/1");
        var name = await StoreFetchedAsync(services, fetched, TestPages.Article("Titre", "Un texte d'article.", canonical));

        var article = await services.GetRequiredService<ArticleStore>().GetAsync(name, CancellationToken.None);
        Assert.Equal(fetched.AbsoluteUri, article?.Url);
    }

    [Fact]
    public async Task A_dropped_page_with_a_script_canonical_is_stored_without_a_url()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var name = $"d{Guid.NewGuid():N}/page.html";
        await services.GetRequiredService<RawPageStore>().DropAsync(name, TestPages.Article("Titre", "Un texte d'article.", "javascript:alert(1)"), CancellationToken.None);

        await services.GetRequiredService<PageProcessor>().ProcessAsync(services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name), CancellationToken.None);

        var row = await services.GetRequiredService<ArticleStore>().GetRowAsync(name, CancellationToken.None);
        Assert.NotNull(row);
        Assert.Null(row.Url);
    }

    /// <summary>Stores the page as the fetcher does (sourceurl metadata) and parses it as ParsePage does.</summary>
    private static async Task<string> StoreFetchedAsync(ServiceProvider services, Uri url, byte[] html)
    {
        var name = RawPageNames.ForUrl(url);
        var origin = new RawPageOrigin(url, FetchedAt: DateTimeOffset.UtcNow, ContentType: "text/html; charset=utf-8");
        Assert.NotNull(await services.GetRequiredService<RawPageStore>().TryAddAsync(name, html, origin, CancellationToken.None));
        var outcome = await services.GetRequiredService<PageProcessor>().ProcessAsync(services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name), CancellationToken.None);
        Assert.Equal(ParseOutcome.Parsed, outcome);
        return name;
    }
}
