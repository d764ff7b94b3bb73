using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using NewsIngest.Core.Deduplication;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.Reliability;

/// <summary>
/// One page's failure, whatever its kind — a stall, a connection cut mid-body, a robots.txt cut, an exception of any type while
/// storing — is that page's: the cycle goes on with the feed's other pages, and the page is retried, then poisoned with its reason.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class PageFailureTests(AzuriteFixture azurite)
{
    private static readonly byte[] Page = TestPages.Plain;

    [Fact]
    public async Task A_page_cut_mid_body_fails_alone_and_the_later_pages_of_the_feed_are_fetched_in_the_same_cycle()
    {
        await using var truncating = new TruncatingServer(cutRobotsTxt: false);
        var (server, services) = await FeedAroundAsync(truncating.Url("/cut.html"));
        await using (server)
        await using (services)
        {
            await AssertFailsAloneAsync(services, truncating.Url("/cut.html"), fetched: 2, reasonContains: "cut.html");
        }

        Assert.Equal(1, truncating.PageRequestCount);
    }

    [Fact]
    public async Task A_robots_txt_cut_mid_body_fails_its_sites_page_alone_and_the_other_sites_pages_are_fetched()
    {
        await using var truncating = new TruncatingServer(cutRobotsTxt: true);
        var (server, services) = await FeedAroundAsync(truncating.Url("/page.html"));
        await using (server)
        await using (services)
        {
            await AssertFailsAloneAsync(services, truncating.Url("/page.html"), fetched: 2, reasonContains: "robots.txt");
        }

        Assert.Equal(0, truncating.PageRequestCount);
    }

    [Fact]
    public async Task Any_exception_while_storing_one_page_is_that_pages_failure_retried_then_poisoned_with_its_reason()
    {
        var routes = new Dictionary<string, (string, byte[])>();
        await using var server = await LocalHttpServer.StartAsync(routes);
        routes["/first.html"] = ("text/html", Page);
        routes["/broken.html"] = ("text/html", Page);
        routes["/later.html"] = ("text/html", Page);
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/first.html"), server.Url("/broken.html"), server.Url("/later.html")));
        var broken = server.Url("/broken.html");
        // Storage itself throws an exception of a type nothing in the pipeline expects, for the one page's blob only.
        var account = StorageAccount.FromConnectionString(azurite.ConnectionString, options =>
        {
#pragma warning disable CA2000 // The transport owns the handler for the life of the test's clients.
            options.Transport = new HttpClientTransport(new HttpClient(new ThrowingFor(RawPageNames.ForUrl(broken))));
#pragma warning restore CA2000
            options.Retry.MaxRetries = 0;
        });
        await using var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")], new Dictionary<string, string?> { ["NewsIngest:Cycle:Concurrency"] = "1" }, s => s.AddSingleton(account));

        await AssertFailsAloneAsync(services, broken, fetched: 2, reasonContains: nameof(InvalidOperationException));

        // Its last delivery poisons it, with the same reason on its claim.
        var downloader = services.GetRequiredService<PageDownloader>();
        await Assert.ThrowsAsync<TransientFetchException>(() => downloader.DownloadAsync(new PageRequest(broken, null), PageDownloader.MaxDeliveries, CancellationToken.None));
        var claim = await services.GetRequiredService<PageClaimStore>().GetAsync(broken, CancellationToken.None);
        Assert.Equal(ClaimState.Poisoned, claim?.State);
        Assert.Contains(nameof(InvalidOperationException), claim?.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stalled_page_is_retried_then_poisoned_with_its_reason()
    {
        await using var server = await LocalHttpServer.StartAsync(HostileResponses.Stall("text/html", declared: 100_000, sent: 20));
        await using var services = TestServices.Create(azurite.ConnectionString, extra: new Dictionary<string, string?>
        {
            ["NewsIngest:Fetch:AttemptTimeout"] = "00:00:01",
            ["NewsIngest:Fetch:TotalTimeout"] = "00:00:01",
            ["NewsIngest:Fetch:RequestTimeout"] = "00:00:01",
        });
        var url = server.Url("/stall.html");
        var claims = services.GetRequiredService<PageClaimStore>();
        var downloader = services.GetRequiredService<PageDownloader>();
        Assert.True(await claims.TryClaimAsync(url, null, CancellationToken.None));

        await Assert.ThrowsAsync<TransientFetchException>(() => downloader.DownloadAsync(new PageRequest(url, null), 1, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        var retried = await claims.GetAsync(url, CancellationToken.None);
        await Assert.ThrowsAsync<TransientFetchException>(() => downloader.DownloadAsync(new PageRequest(url, null), PageDownloader.MaxDeliveries, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        var poisoned = await claims.GetAsync(url, CancellationToken.None);

        Assert.Equal(ClaimState.Queued, retried?.State);
        Assert.Equal(ClaimState.Poisoned, poisoned?.State);
        Assert.Contains("did not complete within", poisoned?.LastError, StringComparison.Ordinal);
    }

    /// <summary>A site whose feed lists a good page, <paramref name="middle"/>, then another good page; services reading that feed one page at a time.</summary>
    private async Task<(LocalHttpServer Server, ServiceProvider Services)> FeedAroundAsync(Uri middle)
    {
        var routes = new Dictionary<string, (string, byte[])>();
        var server = await LocalHttpServer.StartAsync(routes);
        routes["/first.html"] = ("text/html", Page);
        routes["/later.html"] = ("text/html", Page);
        routes["/feed.xml"] = ("application/rss+xml", FeedBuilder.Rss(server.Url("/first.html"), middle, server.Url("/later.html")));
        var services = TestServices.Create(azurite.ConnectionString, [server.Url("/feed.xml")], new Dictionary<string, string?> { ["NewsIngest:Cycle:Concurrency"] = "1" });
        return (server, services);
    }

    /// <summary>Runs one cycle: it must complete, store the feed's other pages, and leave the failing page queued with its reason.</summary>
    private static async Task AssertFailsAloneAsync(ServiceProvider services, Uri failing, int fetched, string reasonContains)
    {
        var queue = services.GetRequiredService<StorageClients>().PageRequests;
        try
        {
            var summary = await services.GetRequiredService<IngestCycle>().RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Equal(fetched, summary.Fetched);
            var claim = await services.GetRequiredService<PageClaimStore>().GetAsync(failing, CancellationToken.None);
            Assert.Equal(ClaimState.Queued, claim?.State);
            Assert.Contains(reasonContains, claim?.LastError, StringComparison.Ordinal);
            Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount); // hidden for 30 s, then retried
        }
        finally
        {
            // The retry would outlive this test's servers; the Azurite collection shares the queue, so leave it empty.
            await queue.ClearMessagesAsync();
        }
    }

    /// <summary>A storage transport that throws for every request naming one blob, and passes the others to Azurite.</summary>
    private sealed class ThrowingFor(string blobName) : DelegatingHandler(new SocketsHttpHandler())
    {
        private readonly string _escaped = Uri.EscapeDataString(blobName).Replace("%2F", "/", StringComparison.Ordinal);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.EndsWith(_escaped, StringComparison.Ordinal)
                ? throw new InvalidOperationException("The storage transport broke on this page.")
                : base.SendAsync(request, cancellationToken);
    }
}
