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
        { "whitespace", Encoding.UTF8.GetBytes("\uFEFF \n \t\r\n  \n"), "empty" },
        { "a-word", Encoding.UTF8.GetBytes("<p>hi</p>"), "no-article" },
        { "pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "not-html" },
        { "jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46], "not-html" },
        { "text", Encoding.UTF8.GetBytes("plain text, no markup at all"), "not-html" },
        { "no-article", Encoding.UTF8.GetBytes("<html><head><title>x</title></head><body><nav><a href='/'>Accueil</a></nav></body></html>"), "no-article" },
        { "invalid-utf8", InvalidUtf8(), "not-html" },
        { "nested-10000", Nested(10_000), "too-deep" },
    };

    /// <summary>Bytes that are no valid UTF-8 at all (lone continuation bytes, overlong forms, 0xFE/0xFF), and no markup.</summary>
    private static byte[] InvalidUtf8() =>
        Enumerable.Range(0, 4096).Select(i => (byte)(0x80 + (i * 7 % 0x80))).ToArray();

    private static byte[] Nested(int depth) =>
        Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><article><h1>Profond</h1>"
            + string.Concat(Enumerable.Repeat("<div>", depth)) + "<p>Tout au fond.</p>" + string.Concat(Enumerable.Repeat("</div>", depth))
            + "</article></body></html>");

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
    public async Task A_50_MiB_page_is_rejected_as_too_large_without_being_read_and_its_blob_is_kept()
    {
        var page = new byte[50 * 1024 * 1024];
        var filler = Encoding.ASCII.GetBytes("<p>Un paragraphe de remplissage.</p>\n");
        for (var i = 0; i + filler.Length <= page.Length; i += filler.Length)
        {
            filler.CopyTo(page, i);
        }

        var (outcome, rejection, kept) = await ProcessDroppedAsync("big", page);

        Assert.Equal(ParseOutcome.Rejected, outcome);
        Assert.Equal("too-large", rejection!.Status);
        Assert.Contains("52428800 bytes", rejection.Reason, StringComparison.Ordinal);
        Assert.True(kept);
    }

    [Fact]
    public async Task A_page_nested_100000_levels_deep_is_refused_in_seconds_before_any_parser_sees_it()
    {
        // AngleSharp caps the DOM at 512 levels but its tree building is quadratic in the nesting: this page alone
        // takes it about a minute. The byte scan refuses it first.
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var (outcome, rejection, kept) = await ProcessDroppedAsync("deeper", Nested(100_000));

        Assert.Equal(ParseOutcome.Rejected, outcome);
        Assert.Equal("too-deep", rejection!.Status);
        Assert.True(kept);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task An_article_with_a_few_invalid_utf8_bytes_is_still_parsed_and_stored()
    {
        var page = Encoding.UTF8.GetBytes("<html><head><meta charset=\"utf-8\"></head><body><article><h1>Octets abîmés</h1><p>Avant X après.</p></article></body></html>");
        page[Array.IndexOf(page, (byte)'X')] = 0xFF;

        var (outcome, rejection, _) = await ProcessDroppedAsync("damaged", page);

        Assert.Equal(ParseOutcome.Parsed, outcome);
        Assert.Null(rejection);
    }

    [Fact]
    public async Task A_blob_deleted_before_its_trigger_runs_is_nothing_to_do_rather_than_a_retried_failure()
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient($"gone/{Guid.NewGuid():N}.html");

        var outcome = await services.GetRequiredService<PageProcessor>().ProcessAsync(blob, CancellationToken.None);

        Assert.Equal(ParseOutcome.Unchanged, outcome);
    }

    [Fact]
    public async Task A_storage_fault_throws_so_the_trigger_retries_and_records_nothing()
    {
        // Nothing listens on this port: every storage call fails, as when the account is unreachable.
        var deadPort = FreePort();
        await using var services = TestServices.Create(
            NewsIngest.Cli.Hosting.AzuriteProcess.ConnectionStringFor(deadPort, deadPort, deadPort),
            configure: s => s.AddSingleton(Faults.FastFailingAccount(NewsIngest.Cli.Hosting.AzuriteProcess.ConnectionStringFor(deadPort, deadPort, deadPort))));
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient("down/page.html");

        await Assert.ThrowsAnyAsync<Exception>(() => services.GetRequiredService<PageProcessor>().ProcessAsync(blob, CancellationToken.None));
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

    private async Task<(ParseOutcome Outcome, Rejection? Rejection, bool Kept)> ProcessDroppedAsync(string kind, byte[] content)
    {
        await using var services = TestServices.Create(azurite.ConnectionString);
        var name = $"bad/{kind}-{Guid.NewGuid():N}.html";
        await services.GetRequiredService<RawPageStore>().DropAsync(name, content, CancellationToken.None);
        var blob = services.GetRequiredService<StorageClients>().RawPages.GetBlobClient(name);

        var outcome = await services.GetRequiredService<PageProcessor>().ProcessAsync(blob, CancellationToken.None);

        Rejection? found = null;
        await foreach (var rejection in services.GetRequiredService<RejectionStore>().ListAsync(CancellationToken.None))
        {
            found = rejection.Blob == name ? rejection : found;
        }

        return (outcome, found, (await blob.ExistsAsync()).Value);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
