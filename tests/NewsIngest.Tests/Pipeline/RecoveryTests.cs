using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Configuration;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Functions;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>
/// The work a dead run leaves behind is carried to its end by later runs: claims whose message was lost are enqueued again after
/// their lease, and pages stored but never parsed are parsed when they are met again, by either host.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class RecoveryTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ShortLease = new() { ["NewsIngest:Claims:Lease"] = "00:00:01" };

    [Fact]
    public async Task Claims_whose_messages_were_lost_are_held_within_their_lease_then_taken_over_and_every_page_is_stored_and_parsed()
    {
        var (server, pages) = await StartSiteAsync(12);
        await using var _ = server;
        // Long enough that the next run's poll comes within it, however loaded the machine.
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")], new Dictionary<string, string?> { ["NewsIngest:Claims:Lease"] = "00:00:05" });
        var storage = services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var queue = storage.PageRequests;
        await queue.ClearMessagesAsync();
        Assert.Equal(12, (await services.GetRequiredService<FeedPoller>().PollAsync(CancellationToken.None)).NewItems);
        await queue.ClearMessagesAsync(); // the process died after enqueuing: as if the messages were never sent

        var within = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(5.2));
        var after = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal((0, 12), (within.Fetched, within.Duplicates));
        Assert.Equal((12, 12), (after.Fetched, after.Parsed));
        foreach (var page in pages)
        {
            Assert.NotNull(await services.GetRequiredService<ArticleStore>().GetRowAsync(RawPageNames.ForUrl(page), CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_claim_past_its_lease_whose_page_is_stored_and_parsed_is_marked_done_and_not_enqueued_again()
    {
        var (server, pages) = await StartSiteAsync(1);
        await using var _ = server;
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")], ShortLease);
        var claims = services.GetRequiredService<PageClaimStore>();
        var url = pages[0];
        Assert.True(await claims.TryClaimAsync(url, null, CancellationToken.None));
        var stored = (await services.GetRequiredService<PageDownloader>().DownloadPageAsync(new PageRequest(url, null), 1, CancellationToken.None)).Stored!;
        await services.GetRequiredService<PageProcessor>().ProcessStoredAsync(stored, firstVersion: true, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var again = await claims.TryClaimManyAsync([url], null, CancellationToken.None);

        Assert.Equal((0, 0, 0), (again.Claimed.Count, again.TakenOver.Count, again.Held));
        Assert.Equal(ClaimState.Done, (await claims.GetAsync(url, CancellationToken.None))?.State);
    }

    [Fact]
    public async Task Of_two_polls_meeting_a_claim_past_its_lease_exactly_one_takes_it_over()
    {
        await using var services = TestServices.Create(azurite.ConnectionString, extra: ShortLease);
        var claims = services.GetRequiredService<PageClaimStore>();
        var url = new Uri($"https://lease-{Guid.NewGuid():N}.example/a.html");
        Assert.True(await claims.TryClaimAsync(url, null, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var both = await Task.WhenAll(claims.TryClaimManyAsync([url], null, CancellationToken.None), claims.TryClaimManyAsync([url], null, CancellationToken.None));

        Assert.Equal(1, both.Sum(result => result.TakenOver.Count));
        Assert.Equal(1, both.Sum(result => result.Held));
        var claim = await claims.GetAsync(url, CancellationToken.None);
        Assert.Equal(ClaimState.Queued, claim?.State);
        Assert.True(claim?.LeaseUntil > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_redelivered_batch_whose_pages_were_stored_but_not_parsed_parses_them_instead_of_counting_duplicates()
    {
        var (server, pages) = await StartSiteAsync(3);
        await using var _ = server;
        await using var services = TestServices.Create(azurite.ConnectionString);
        var downloader = services.GetRequiredService<PageDownloader>();
        var request = new PageRequest(pages[0], null) { More = [pages[1], pages[2]] };
        // First delivery: stored, then the process died before parsing and before the message was deleted.
        Assert.All(await downloader.DownloadAllAsync(request, 1, CancellationToken.None), page => Assert.Equal(DownloadOutcome.Stored, page.Outcome));
        var requestsBefore = server.RequestCount;

        var redelivered = await downloader.DownloadAllAsync(request, 2, CancellationToken.None);
        var third = await downloader.DownloadAllAsync(request, 3, CancellationToken.None);

        Assert.All(redelivered, page => Assert.Equal((DownloadOutcome.Recovered, ParseOutcome.Parsed), (page.Outcome, page.Parse)));
        Assert.All(third, page => Assert.Equal(DownloadOutcome.Duplicate, page.Outcome));
        Assert.Equal(requestsBefore, server.RequestCount); // found in storage, not downloaded again
        foreach (var page in pages)
        {
            Assert.NotNull(await services.GetRequiredService<ArticleStore>().GetRowAsync(RawPageNames.ForUrl(page), CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_first_delivery_finding_its_page_stored_by_a_run_that_died_before_parsing_parses_it()
    {
        var (server, pages) = await StartSiteAsync(1);
        await using var _ = server;
        await using var services = TestServices.Create(azurite.ConnectionString);
        var downloader = services.GetRequiredService<PageDownloader>();
        var request = new PageRequest(pages[0], null);
        Assert.Equal(DownloadOutcome.Stored, (await downloader.DownloadPageAsync(request, 1, CancellationToken.None)).Outcome);

        // A second message for the same page (a claim taken over without the recheck, a requeue): the create-only store answers 409.
        var second = await downloader.DownloadPageAsync(request, 1, CancellationToken.None);

        Assert.Equal((DownloadOutcome.Recovered, ParseOutcome.Parsed), (second.Outcome, second.Parse));
    }

    [Fact]
    public async Task The_fetch_page_function_redelivered_after_a_crash_parses_the_page_its_first_delivery_stored()
    {
        var (server, pages) = await StartSiteAsync(1);
        await using var _ = server;
        await using var services = TestServices.Create(azurite.ConnectionString);
        var function = new FetchPage(services.GetRequiredService<PageDownloader>());
        var message = new PageRequest(pages[0], null).ToJson();
        var name = RawPageNames.ForUrl(pages[0]);

        // First delivery stores the page, and the host dies before its parse (the downloader alone is the part that ran).
        // The queue delivers the message again.
        await services.GetRequiredService<PageDownloader>().DownloadAllAsync(PageRequest.FromJson(message), 1, CancellationToken.None);
        Assert.Null(await services.GetRequiredService<ArticleStore>().GetRowAsync(name, CancellationToken.None));
        await function.Run(message, 2, CancellationToken.None);

        Assert.NotNull(await services.GetRequiredService<ArticleStore>().GetRowAsync(name, CancellationToken.None));
    }

    [Theory]
    [InlineData("NewsIngest:Claims:Lease", "00:00:00")]
    [InlineData("NewsIngest:Claims:Lease", "2.00:00:00")]
    [InlineData("NewsIngest:Cycle:ReceiveVisibility", "00:00:00")]
    public void A_lease_or_visibility_out_of_range_is_refused_at_start_up(string setting, string value)
    {
        using var services = TestServices.Create(azurite.ConnectionString, extra: new Dictionary<string, string?> { [setting] = value });

        var refused = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<ClaimOptions>>().Value;
            _ = services.GetRequiredService<IOptions<CycleOptions>>().Value;
        });
        Assert.Contains(setting.Split(':')[^1], refused.Message, StringComparison.Ordinal);
    }

    private static async Task<(LocalHttpServer Server, Uri[] Pages)> StartSiteAsync(int count)
    {
        var prefix = "/recovery-" + Guid.NewGuid().ToString("N");
        var routes = new Dictionary<string, (string, byte[])>();
        var server = await LocalHttpServer.StartAsync(routes);
        var pages = Enumerable.Range(0, count).Select(i => server.Url($"{prefix}/p{i}.html")).ToArray();
        foreach (var page in pages)
        {
            routes[page.AbsolutePath] = ("text/html; charset=utf-8", TestPages.Article("Article " + page.AbsolutePath, $"Texte de {page.AbsolutePath}.\n\nSuite."));
        }

        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(pages));
        return (server, pages);
    }
}
