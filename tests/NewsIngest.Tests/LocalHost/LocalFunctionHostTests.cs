using System.Text.Json.Nodes;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NewsIngest.Core.Pipeline;
using NewsIngest.Core.Storage;
using NewsIngest.LocalHost;
using NewsIngest.Tests.Infrastructure;

namespace NewsIngest.Tests.LocalHost;

/// <summary>
/// <c>newsingest run</c>'s host on the real WebJobs SDK listeners, a real Azurite of each test's own and local Kestrel sites: what the
/// <c>functions.metadata</c> tests cannot show — that the triggers fire, the receipts hold, the poison queue fills, the lock shares.
/// </summary>
public sealed class LocalFunctionHostTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_feed_item_goes_through_the_timer_the_queue_and_the_blob_trigger_to_a_table_row()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var log = new RecordedLog();
        await using var host = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], Every(seconds: 1));

        var articles = host.Get<ArticleStore>();
        foreach (var page in site.Pages)
        {
            var blob = RawPageNames.ForUrl(page);
            await Eventually.HoldsAsync($"an Articles row for {page}", async () => await articles.GetRowAsync(blob, CancellationToken.None) is not null, Bound);
        }

        Assert.Equal(site.Pages.Select(p => RawPageNames.ForUrl(p)).Order(StringComparer.Ordinal), log.ParsedBlobs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_blob_dropped_while_the_host_runs_is_parsed_once_and_not_again_after_a_restart()
    {
        await using var azurite = await FreshStorage.StartAsync();
        var log = new RecordedLog();
        var first = await LocalHostRun.StartAsync(azurite.ConnectionString, log);
        await first.Get<RawPageStore>().DropAsync("dropped/first.html", SampleSiteServer.PageHtml(0), CancellationToken.None);
        await Eventually.HoldsAsync("the dropped page parsed", () => log.ParsedBlobs.Contains("dropped/first.html"), Bound);
        await first.DisposeAsync();

        // A new host scans the container from scratch: the receipt of the first parse, not memory, keeps it from parsing the page again.
        await using var second = await LocalHostRun.StartAsync(azurite.ConnectionString, log);
        await second.Get<RawPageStore>().DropAsync("dropped/second.html", SampleSiteServer.PageHtml(1), CancellationToken.None);
        await Eventually.HoldsAsync("the page dropped after the restart parsed", () => log.ParsedBlobs.Contains("dropped/second.html"), Bound);

        Assert.Equal(["dropped/first.html", "dropped/second.html"], log.ParsedBlobs.Order(StringComparer.Ordinal));
        // The restarted host's scan did see the first page, and its receipt made the SDK skip it.
        Assert.Contains(log.Entries, e => e.Message.StartsWith("Blob 'dropped/first.html' will be skipped", StringComparison.Ordinal) && e.Message.Contains("already been processed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_whose_fetch_always_fails_lands_in_the_poison_queue_after_maxDequeueCount_deliveries_with_its_reason()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var server = await LocalHttpServer.StartAsync(context =>
        {
            if (context.Request.Path == "/feed.xml")
            {
                context.Response.ContentType = "application/rss+xml";
                return context.Response.Body.WriteAsync(FeedBuilder.Rss(new Uri(context.Request.Scheme + "://" + context.Request.Host + "/down.html"))).AsTask();
            }

            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        var page = server.Url("/down.html");
        var log = new RecordedLog();
        var settings = Every(seconds: 1);
        // Each delivery fails within a second rather than after the production retries; the next delivery follows at once.
        settings["NewsIngest:Fetch:AttemptTimeout"] = "00:00:00.500";
        settings["NewsIngest:Fetch:TotalTimeout"] = "00:00:01";
        settings["AzureWebJobs:extensions:queues:visibilityTimeout"] = "00:00:00";
        await using var host = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [server.Url("/feed.xml")], settings);

        var poisoned = host.Get<PoisonedRequests>();
        await Eventually.HoldsAsync("a message in page-requests-poison", async () => await poisoned.CountAsync(CancellationToken.None) > 0, Bound);

        var entry = Assert.Single(await poisoned.PeekAsync(CancellationToken.None).ToListAsync());
        Assert.Equal(page, entry.Url);
        Assert.Contains($"Fetching {page} failed", entry.Reason, StringComparison.Ordinal);
        var maxDequeueCount = (int)HostJson()["extensions"]!["queues"]!["maxDequeueCount"]!;
        Assert.Equal(maxDequeueCount, host.Get<IOptions<QueuesOptions>>().Value.MaxDequeueCount);
        Assert.Equal(maxDequeueCount, log.Entries.Count(e => e.Category == "Function.FetchPage" && e.Level == LogLevel.Error));
        var requests = host.Get<StorageClients>().PageRequests;
        Assert.Equal(0, (await requests.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task Two_hosts_on_the_same_storage_parse_each_page_once()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var log = new RecordedLog();
        await using var one = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], Every(seconds: 1));
        await using var two = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], Every(seconds: 1));
        var dropped = Enumerable.Range(0, SampleSiteServer.PageCount).Select(i => $"dropped/{i}.html").ToArray();
        for (var i = 0; i < dropped.Length; i++)
        {
            await one.Get<RawPageStore>().DropAsync(dropped[i], SampleSiteServer.PageHtml(i), CancellationToken.None);
        }

        var expected = site.Pages.Select(p => RawPageNames.ForUrl(p)).Concat(dropped).Order(StringComparer.Ordinal).ToArray();
        await Eventually.HoldsAsync("every fetched and dropped page parsed", () => expected.All(log.ParsedBlobs.Contains), Bound);
        // Past the moment both hosts' scans have seen every blob: a second parse would show up now.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(expected, log.ParsedBlobs.Order(StringComparer.Ordinal));
        Assert.All(site.Pages, page => Assert.Equal(1, site.RequestsFor(page)));
    }

    [Fact]
    public async Task The_timer_reads_its_schedule_from_the_FeedSchedule_setting()
    {
        await using var azurite = await FreshStorage.StartAsync();
        await using var site = await SampleSiteServer.StartAsync();
        var log = new RecordedLog();
        await using (var quiet = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl]))
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(0, site.FeedRequests);
        }

        await using var everySecond = await LocalHostRun.StartAsync(azurite.ConnectionString, log, [site.FeedUrl], Every(seconds: 1));
        await Eventually.HoldsAsync("the feed read twice", () => site.FeedRequests >= 2, Bound);
    }

    [Fact]
    public void A_host_without_the_FeedSchedule_setting_fails_at_start_naming_it()
    {
        var settings = LocalHostRun.Settings("UseDevelopmentStorage=true", settings: new Dictionary<string, string?> { [LocalFunctionHost.ScheduleSetting] = null });
        using var host = LocalFunctionHost.Build(settings);

        var error = Assert.ThrowsAny<Exception>(() => host.StartAsync().GetAwaiter().GetResult());
        Assert.Contains(LocalFunctionHost.ScheduleSetting, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_listeners_take_their_queue_and_blob_settings_from_the_root_host_json()
    {
        var extensions = HostJson()["extensions"]!;
        using var host = LocalFunctionHost.Build(LocalHostRun.Settings("UseDevelopmentStorage=true", settings: new Dictionary<string, string?>
        {
            ["AzureWebJobs:extensions:queues:maxPollingInterval"] = null,
        }));

        var queues = host.Services.GetRequiredService<IOptions<QueuesOptions>>().Value;
        Assert.Equal((int)extensions["queues"]!["batchSize"]!, queues.BatchSize);
        Assert.Equal((int)extensions["queues"]!["newBatchThreshold"]!, queues.NewBatchThreshold);
        Assert.Equal((int)extensions["queues"]!["maxDequeueCount"]!, queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.Parse((string)extensions["queues"]!["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture), queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.Parse((string)extensions["queues"]!["maxPollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture), queues.MaxPollingInterval);
        Assert.Equal((int)extensions["blobs"]!["maxDegreeOfParallelism"]!, host.Services.GetRequiredService<IOptions<BlobsOptions>>().Value.MaxDegreeOfParallelism);
        // The downloader marks a claim poisoned on the delivery the listener poisons the message: the two must agree.
        Assert.Equal(PageDownloader.MaxDeliveries, queues.MaxDequeueCount);
    }

    private static Dictionary<string, string?> Every(int seconds) => new() { [LocalFunctionHost.ScheduleSetting] = $"*/{seconds} * * * * *" };

    private static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")))!;
}
