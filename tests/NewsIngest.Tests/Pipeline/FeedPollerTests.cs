using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Pipeline;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Pipeline;

/// <summary>Feed types beyond RSS and Atom, polled and drained through the real cycle.</summary>
[Collection(AzuriteTests.Name)]
public sealed class FeedPollerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_sitemap_index_is_followed_to_its_news_sitemap_whose_articles_are_all_fetched()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/sitemap_index.xml"] = ("application/xml", Encoding.UTF8.GetBytes($"""
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <sitemap><loc>{server.Url("/news-sitemap.xml")}</loc><lastmod>2024-03-02T10:00:00Z</lastmod></sitemap>
            </sitemapindex>
            """));
        routes["/news-sitemap.xml"] = ("application/octet-stream", Encoding.UTF8.GetBytes($"""
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
              <url><loc>{server.Url("/a.html")}</loc><news:news><news:title>A</news:title></news:news></url>
              <url><loc>{server.Url("/b.html?utm_source=sitemap")}</loc></url>
            </urlset>
            """));
        routes["/a.html"] = ("text/html", SeedPage.Html);
        routes["/b.html"] = ("text/html", SeedPage.Html);
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/sitemap_index.xml")]);

        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(2, summary.NewItems);
        Assert.Equal(2, summary.Fetched);
        Assert.Contains("/b.html", server.RequestedPaths);
    }

    [Fact]
    public async Task A_feed_nested_100000_levels_deep_is_refused_while_the_other_feeds_articles_are_all_fetched()
    {
        const int levels = 100_000;
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/good.html"] = ("text/html", SeedPage.Html);
        routes["/deep.html"] = ("text/html", SeedPage.Html);
        routes["/good.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/good.html")));
        routes["/deep.xml"] = ("application/rss+xml", Encoding.UTF8.GetBytes(
            $"<rss version=\"2.0\"><channel><item><link>{server.Url("/deep.html")}</link><description>"
            + string.Concat(Enumerable.Repeat("<x>", levels)) + string.Concat(Enumerable.Repeat("</x>", levels))
            + "</description></item></channel></rss>"));
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/deep.xml"), server.Url("/good.xml")]);

        var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None);

        Assert.Equal(1, summary.NewItems);
        Assert.Equal(1, summary.Fetched);
        Assert.Contains("/good.html", server.RequestedPaths);
        Assert.DoesNotContain("/deep.html", server.RequestedPaths);
    }

    [Fact]
    public async Task Many_slow_feeds_are_polled_in_parallel_so_the_timer_run_takes_seconds_not_minutes()
    {
        await using var server = await LocalHttpServer.StartAsync(async context =>
        {
            await Task.Delay(250);
            context.Response.ContentType = "application/rss+xml";
            await context.Response.Body.WriteAsync(FeedBuilder.Rss());
        });
        var feeds = Enumerable.Range(0, 40).Select(i => server.Url($"/feed-{i}.xml")).ToList();
        // 40 feeds of one local host: raise the per-host limit so what is measured is the poller, not the politeness throttle.
        await using var services = TestServices.Create(azurite.ConnectionString, feeds, new Dictionary<string, string?> { ["NewsIngest:Fetch:PerHostConcurrency"] = "16" });
        var started = System.Diagnostics.Stopwatch.StartNew();

        var poll = await services.GetRequiredService<FeedPoller>().PollAsync(CancellationToken.None);

        Assert.Equal(40, poll.Feeds);
        Assert.Equal(0, poll.FailedFeeds);
        Assert.Equal(40, server.RequestCount);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"40 feeds of 250 ms took {started.Elapsed}; one after the other they take 10 s");
    }
}
