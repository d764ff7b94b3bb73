using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Articles;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>Bad raw pages become recorded rejections — never exceptions that would loop the blob trigger — and stay stored.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PageProcessorTests(AzuriteFixture azurite)
{
    public static TheoryData<string, byte[], string> BadPages => new()
    {
        { "empty", [], "empty" },
        { "pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "not-html" },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46], "not-html" },
        { "text", Encoding.UTF8.GetBytes("plain text, no markup at all"), "not-html" },
        { "no-article", Encoding.UTF8.GetBytes("<html><head><title>x</title></head><body><nav><a href='/'>Accueil</a></nav></body></html>"), "no-article" },
    };

    [Theory]
    [MemberData(nameof(BadPages))]
    public async Task A_bad_page_is_rejected_with_a_status_and_its_blob_is_kept(string kind, byte[] content, string status)
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var name = $"bad/{kind}-{Guid.NewGuid():N}.html";
        await services.GetRequiredService<RawPageStore>().DropAsync(name, content, CancellationToken.None);
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name);

        var outcome = await services.GetRequiredService<PageProcessor>().ProcessAsync(blob, CancellationToken.None);

        Assert.Equal(ParseOutcome.Rejected, outcome);
        Assert.True((await blob.ExistsAsync()).Value);
        var rejections = new List<Rejection>();
        await foreach (var rejection in services.GetRequiredService<RejectionStore>().ListAsync(CancellationToken.None))
        {
            rejections.Add(rejection);
        }

        var recorded = Assert.Single(rejections, r => r.Blob == name);
        Assert.Equal(status, recorded.Status);
        Assert.False(string.IsNullOrWhiteSpace(recorded.Reason));
        Assert.Null(await services.GetRequiredService<ArticleStore>().GetAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task Parsing_the_same_page_twice_gives_one_row_and_the_same_json()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var name = $"twice/{Guid.NewGuid():N}.html";
        await services.GetRequiredService<RawPageStore>().DropAsync(name, SeedPage.Html, CancellationToken.None);
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name);
        var processor = services.GetRequiredService<PageProcessor>();
        var store = services.GetRequiredService<ArticleStore>();

        Assert.Equal(ParseOutcome.Parsed, await processor.ProcessAsync(blob, CancellationToken.None));
        var first = await store.GetAsync(name, CancellationToken.None);
        Assert.Equal(ParseOutcome.Parsed, await processor.ProcessAsync(blob, CancellationToken.None));
        var second = await store.GetAsync(name, CancellationToken.None);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(ArticleJson.Serialize(first), ArticleJson.Serialize(second));
        var rows = new List<ArticleRow>();
        await foreach (var row in store.ListAsync("twice", CancellationToken.None))
        {
            if (row.RawPageBlob == name)
            {
                rows.Add(row);
            }
        }

        Assert.Single(rows);
    }
}
