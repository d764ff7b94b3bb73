using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>Feeds that overlap, repeat themselves and spell one URL many ways: every article is fetched and stored exactly once.</summary>
[Collection(AzuriteTests.Name)]
public sealed class DeduplicationTests(AzuriteFixture azurite)
{
    private static readonly byte[] Page = SeedPage.Html;

    [Fact]
    public async Task Two_overlapping_feed_polls_enqueue_each_article_once_and_every_article_is_then_stored_once()
    {
        var feeds = new Dictionary<string, byte[]>();
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            var path = context.Request.Path.Value!;
            if (feeds.TryGetValue(path, out var feed))
            {
                context.Response.ContentType = "application/rss+xml";
                await context.Response.Body.WriteAsync(feed);
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        });
        var pages = Enumerable.Range(0, 30).Select(i => server.Url($"/p{i}.html")).ToArray();
        feeds["/one.xml"] = FeedBuilder.Rss(pages[..20]);
        feeds["/two.xml"] = FeedBuilder.Rss([.. pages[10..], .. pages[..5].Select(p => new Uri(p + "?utm_source=two"))]);
        Uri[] feedUrls = [server.Url("/one.xml"), server.Url("/two.xml")];
        await using var first = TestServices.Create(azurite.ConnectionString, feedUrls);
        await using var second = TestServices.Create(azurite.ConnectionString, feedUrls);

        // Two instances of FetchFeeds at the same moment, as when a run overlaps the next timer tick on another instance.
        var polls = await Task.WhenAll(
            first.GetRequiredService<FeedPoller>().PollAsync(CancellationToken.None),
            second.GetRequiredService<FeedPoller>().PollAsync(CancellationToken.None));

        Assert.Equal(30, polls.Sum(p => p.NewItems));
        var queued = (await first.GetRequiredService<StorageClients>().PageRequests.PeekMessagesAsync(32)).Value
            .SelectMany(message => PageRequest.FromJson(message.Body.ToString()).Pages()).Select(page => page.Url.AbsoluteUri).ToList();
        Assert.Equal(30, queued.Count);
        Assert.Equal(30, queued.Distinct().Count());
        var cycle = await first.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);
        Assert.Equal(0, cycle.NewItems);
        Assert.Equal(30, cycle.Fetched);
        var pageRequests = server.RequestedPaths.Where(p => p.StartsWith("/p", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, pageRequests.Count);
        Assert.Equal(30, pageRequests.Distinct().Count());
        var claims = first.GetRequiredService<PageClaimStore>();
        var rawPages = first.GetRequiredService<RawPageStore>();
        foreach (var page in pages)
        {
            Assert.Equal(ClaimState.Queued, (await claims.GetAsync(page, CancellationToken.None))?.State);
            Assert.True(await rawPages.ExistsAsync(RawPageNames.ForUrl(page), CancellationToken.None));
        }
    }

    [Fact]
    public async Task Duplicate_items_across_two_feeds_and_tracking_parameter_variants_are_fetched_once_each()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        Uri a = server.Url("/a.html"), b = server.Url("/b.html"), c = server.Url("/c.html");
        foreach (var page in new[] { a, b, c })
        {
            routes[page.AbsolutePath] = ("text/html; charset=utf-8", Page);
        }

        routes["/one.xml"] = ("application/rss+xml", FeedBuilder.Rss(a, new Uri(b + "?utm_source=rss&utm_medium=feed"), new Uri(c + "#comments")));
        routes["/two.xml"] = ("application/rss+xml", FeedBuilder.Rss(new Uri(a + "?fbclid=XYZ"), b, new Uri(c + "?gclid=1&utm_campaign=x")));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/one.xml"), server.Url("/two.xml")]);

        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(3, summary.NewItems);
        Assert.Equal(3, summary.Duplicates);
        Assert.Equal(3, summary.Fetched);
        Assert.Equal(["/a.html", "/b.html", "/c.html"], server.RequestedPaths.Where(p => p.EndsWith(".html", StringComparison.Ordinal)).Order());
        Assert.Equal(new[] { a, b, c }.Select(RawPageNames.ForUrl).Order(), summary.StoredPages.Order());
    }

    [Fact]
    public async Task A_feed_with_a_doctype_entity_is_refused_while_the_other_feeds_articles_are_all_fetched()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/good.html"] = ("text/html", Page);
        routes["/evil.html"] = ("text/html", Page);
        routes["/good.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/good.html")));
        routes["/evil.xml"] = ("application/rss+xml", Encoding.UTF8.GetBytes($"""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <rss version="2.0"><channel><title>&c;</title><item><title>&c;</title><link>{server.Url("/evil.html")}</link></item></channel></rss>
            """));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/evil.xml"), server.Url("/good.xml")]);

        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.NewItems);
        Assert.Equal(1, summary.Fetched);
        Assert.Contains("/good.html", server.RequestedPaths);
        Assert.DoesNotContain("/evil.html", server.RequestedPaths);
    }

    [Fact]
    public async Task A_page_disallowed_by_robots_txt_is_recorded_as_skipped_never_requested_and_the_others_are_fetched()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        server.RobotsTxt = "User-agent: NewsIngest\nDisallow: /members/\n";
        routes["/members/a.html"] = ("text/html", Page);
        routes["/news/b.html"] = ("text/html", Page);
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/members/a.html"), server.Url("/news/b.html")));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")]);

        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Skipped);
        Assert.Equal(1, summary.Fetched);
        Assert.DoesNotContain("/members/a.html", server.RequestedPaths);
        var claim = await services.GetRequiredService<PageClaimStore>().GetAsync(server.Url("/members/a.html"), CancellationToken.None);
        Assert.Equal(ClaimState.Skipped, claim?.State);
        Assert.Contains("robots.txt", claim?.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_failing_every_delivery_is_listed_as_poisoned_with_its_reason_and_a_requeue_stores_it()
    {
        var site = new FlakySite(StatusCodes.Status500InternalServerError);
        await using var server = await LocalHttpServer.StartAsync(site.HandleAsync);
        await using var services = FastFailingServices();
        var url = server.Url("/flaky.html");
        var request = new PageRequest(url, null);
        var claims = services.GetRequiredService<PageClaimStore>();
        var poison = services.GetRequiredService<PoisonedRequests>();
        Assert.True(await claims.TryClaimAsync(url, null, CancellationToken.None));

        // The last delivery fails: the downloader records why, and the host moves the message to the poison queue.
        await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageDownloader>().DownloadAsync(request, PageDownloader.MaxDeliveries, CancellationToken.None));
        await poison.AddAsync(request.ToJson(), CancellationToken.None);
        var listed = await poison.PeekAsync(CancellationToken.None).ToListAsync();
        var entry = Assert.Single(listed, p => p.Url == url);
        Assert.Contains("flaky.html", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(ClaimState.Poisoned, (await claims.GetAsync(url, CancellationToken.None))?.State);

        site.Heal();
        var moved = await poison.RequeueAllAsync(CancellationToken.None);
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Contains(moved, p => p.Url == url);
        Assert.Equal(1, summary.Fetched);
        Assert.Equal(0, await poison.CountAsync(CancellationToken.None));
        Assert.Equal(ClaimState.Queued, (await claims.GetAsync(url, CancellationToken.None))?.State);
        Assert.True(await services.GetRequiredService<RawPageStore>().ExistsAsync(RawPageNames.ForUrl(url), CancellationToken.None));
    }

    [Fact]
    public async Task A_poisoned_page_whose_message_expired_is_still_listed_from_its_claim_and_a_requeue_stores_it()
    {
        var site = new FlakySite(StatusCodes.Status503ServiceUnavailable);
        await using var server = await LocalHttpServer.StartAsync(site.HandleAsync);
        await using var services = FastFailingServices();
        var url = server.Url("/expired.html");
        var poison = services.GetRequiredService<PoisonedRequests>();
        Assert.True(await services.GetRequiredService<PageClaimStore>().TryClaimAsync(url, null, CancellationToken.None));
        await Assert.ThrowsAsync<TransientFetchException>(() => services.GetRequiredService<PageDownloader>().DownloadAsync(new PageRequest(url, null), PageDownloader.MaxDeliveries, CancellationToken.None));

        // No message is put in the poison queue: as if it had outlived the queue's time-to-live.
        var entry = Assert.Single(await poison.PeekAsync(CancellationToken.None).ToListAsync(), p => p.Url == url);
        Assert.Null(entry.MessageId);

        site.Heal();
        Assert.Contains(await poison.RequeueAllAsync(CancellationToken.None), p => p.Url == url);
        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.Fetched);
        Assert.DoesNotContain(await poison.PeekAsync(CancellationToken.None).ToListAsync(), p => p.Url == url);
    }

    [Fact]
    public async Task A_page_failing_on_its_first_delivery_stays_queued_with_its_reason_for_a_later_cycle()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            if (context.Request.Path == "/down.html")
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            context.Response.ContentType = context.Request.Path == "/feed.xml" ? "application/rss+xml" : "text/html";
            await context.Response.Body.WriteAsync(routes[context.Request.Path.Value!].Item2);
        });
        routes["/up.html"] = ("text/html", Page);
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/down.html"), server.Url("/up.html")));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")], new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01",
            ["NewsIngest:Fetch:TotalTimeout"] = "00:00:02",
        });
        var queue = services.GetRequiredService<StorageClients>().PageRequests;
        try
        {
            var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

            Assert.Equal(2, summary.NewItems);
            Assert.Equal(1, summary.Fetched);
            Assert.Equal(0, summary.Skipped);
            var claim = await services.GetRequiredService<PageClaimStore>().GetAsync(server.Url("/down.html"), CancellationToken.None);
            Assert.Equal(ClaimState.Queued, claim?.State);
            Assert.Contains("down.html", claim?.LastError, StringComparison.Ordinal);
            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // hidden for 30 s, then retried
        }
        finally
        {
            // The retry would outlive this test's server; the Azurite collection shares the queue, so leave it empty.
            await queue.ClearMessagesAsync();
        }
    }

    /// <summary>Services whose fetches give up within seconds, so a failing delivery does not hold the test.</summary>
    private ServiceProvider FastFailingServices() => TestServices.Create(azurite.ConnectionString, extra: new Dictionary<string, string?>
    {
        ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01",
        ["NewsIngest:Fetch:TotalTimeout"] = "00:00:02",
    });

    /// <summary>A site answering an error status until healed, then the page.</summary>
    private sealed class FlakySite(int failureStatus)
    {
        private volatile bool _healthy;

        public void Heal() => _healthy = true;

        public async Task HandleAsync(HttpContext context)
        {
            if (!_healthy)
            {
                context.Response.StatusCode = failureStatus;
                return;
            }

            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page);
        }
    }
}
